// Moving a kanban card between lanes: the board as it looks at once (before the server answers), and back.

/** The lane holding a card, or null. */
export function laneOf(lanes, cardId) {
  return lanes.find((lane) => lane.cards.some((card) => card.id === cardId)) ?? null;
}

/** Where a card is: {value, index} of its lane and its place in it (to put it back), or null. */
export function placeOf(lanes, cardId) {
  const lane = laneOf(lanes, cardId);
  return lane ? { value: lane.value, index: lane.cards.findIndex((card) => card.id === cardId) } : null;
}

/**
 * The lanes with the card moved to the lane whose value is `toValue` (at `index`, on top by default), its group-by
 * field set, and both lanes' totals adjusted. The same lanes when the card is not found, already there, or the lane
 * does not exist.
 */
export function moveCard(lanes, cardId, toValue, groupBy, index = 0) {
  const from = laneOf(lanes, cardId);
  const target = lanes.find((lane) => lane.value === toValue);
  if (!from || !target || from === target) return lanes;
  const card = from.cards.find((item) => item.id === cardId);
  const moved = { ...card, [groupBy]: toValue };
  return lanes.map((lane) => {
    if (lane === from) return { ...lane, total: lane.total - 1, cards: lane.cards.filter((item) => item.id !== cardId) };
    if (lane === target) {
      const cards = [...lane.cards];
      cards.splice(Math.max(0, Math.min(index, cards.length)), 0, moved);
      return { ...lane, total: lane.total + 1, cards };
    }
    return lane;
  });
}

/** The lanes with one card's fields replaced (the server's answer to the move: its new row_version). */
export function updateCard(lanes, cardId, values) {
  return lanes.map((lane) =>
    lane.cards.some((card) => card.id === cardId)
      ? { ...lane, cards: lane.cards.map((card) => (card.id === cardId ? { ...card, ...values } : card)) }
      : lane,
  );
}

/** The PATCH body of a move: the card's row_version and its new lane. */
export function moveBody(card, groupBy, toValue) {
  return { row_version: card.row_version, [groupBy]: toValue };
}
