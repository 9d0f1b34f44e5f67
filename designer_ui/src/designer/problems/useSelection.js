// Which element of a collection a tab shows: the one a jump (?focus=<pointer>) points into, else the one clicked last.
import { useEffect, useState } from "react";
import { useDesigner } from "../model/DesignerContext.jsx";
import { elementOf } from "./places.js";

/** [index, choose(index), focused]: `focused` is {index, rest} of the jump target inside the collection, or null. */
export function useSelection(collection) {
  const { focus } = useDesigner();
  const focused = elementOf(focus, collection);
  const [chosen, setChosen] = useState(focused?.index ?? 0);
  useEffect(() => {
    if (focused) setChosen(focused.index);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow each new jump; clicks in between win until then
  }, [focus]);
  return [chosen, setChosen, focused];
}

/** The index a jump names right under an element (e.g. the field of /entities/0/fields/3/type), or null. */
export function childIndex(focused, part) {
  const [name, index] = focused?.rest ?? [];
  return name === part && /^\d+$/.test(index ?? "") ? Number(index) : null;
}
