import { describe, expect, it } from "vitest";
import { laneOf, moveBody, moveCard, placeOf, updateCard } from "./kanbanMoves.js";

const lanes = [
  { value: "drafting", total: 2, cards: [{ id: 1, stage: "drafting", row_version: 3 }, { id: 2, stage: "drafting", row_version: 1 }] },
  { value: "signed", total: 1, cards: [{ id: 3, stage: "signed", row_version: 1 }] },
  { value: null, total: 0, cards: [] },
];

describe("moving a card", () => {
  it("puts the card on top of the other lane with its field set and the totals adjusted", () => {
    const moved = moveCard(lanes, 1, "signed", "stage");
    expect(moved[0]).toMatchObject({ total: 1, cards: [{ id: 2 }] });
    expect(moved[1].total).toBe(2);
    expect(moved[1].cards.map((card) => card.id)).toEqual([1, 3]);
    expect(moved[1].cards[0].stage).toBe("signed");
    expect(lanes[0].cards).toHaveLength(2); // the board before the move is kept, to put the card back
  });
  it("puts a refused card back where it was", () => {
    const place = placeOf(lanes, 2);
    expect(place).toEqual({ value: "drafting", index: 1 });
    const moved = moveCard(lanes, 2, "signed", "stage");
    const back = moveCard(moved, 2, place.value, "stage", place.index);
    expect(back[0].cards.map((card) => [card.id, card.stage])).toEqual([
      [1, "drafting"],
      [2, "drafting"],
    ]);
    expect(back.map((lane) => lane.total)).toEqual([2, 1, 0]);
  });
  it("moves a card into the lane of empty values", () => {
    const moved = moveCard(lanes, 3, null, "stage");
    expect(moved[2].cards[0]).toMatchObject({ id: 3, stage: null });
  });
  it("changes nothing for a card dropped on its own lane, an unknown card or an unknown lane", () => {
    expect(moveCard(lanes, 1, "drafting", "stage")).toBe(lanes);
    expect(moveCard(lanes, 99, "signed", "stage")).toBe(lanes);
    expect(moveCard(lanes, 1, "gone", "stage")).toBe(lanes);
  });
  it("finds a card's lane and updates a card in place", () => {
    expect(laneOf(lanes, 3).value).toBe("signed");
    expect(laneOf(lanes, 42)).toBeNull();
    expect(updateCard(lanes, 2, { row_version: 2 })[0].cards[1].row_version).toBe(2);
  });
  it("sends the row_version it saw with the new lane", () => {
    expect(moveBody(lanes[0].cards[0], "stage", "signed")).toEqual({ row_version: 3, stage: "signed" });
  });
});
