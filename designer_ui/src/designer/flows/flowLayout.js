// Positions for a workflow's nodes (the definition stores none): layers by distance from the start, top to bottom.

export const NODE_WIDTH = 180;
const COLUMN_GAP = 40;
const ROW_HEIGHT = 110;

/** node id → {x, y}: breadth-first layers from the start node; unreachable nodes in a last layer. */
export function layoutFlow(workflow) {
  const nodes = workflow?.nodes ?? [];
  const edges = workflow?.edges ?? [];
  const next = new Map(nodes.map((node) => [node.id, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const start = nodes.find((node) => node.kind === "start") ?? nodes[0];
  const layer = new Map();
  if (start) {
    layer.set(start.id, 0);
    const queue = [start.id];
    while (queue.length) {
      const current = queue.shift();
      for (const target of next.get(current) ?? []) {
        if (!layer.has(target) && next.has(target)) {
          layer.set(target, layer.get(current) + 1);
          queue.push(target);
        }
      }
    }
  }
  const deepest = Math.max(-1, ...layer.values());
  const rows = new Map();
  for (const node of nodes) {
    const row = layer.has(node.id) ? layer.get(node.id) : deepest + 1;
    rows.set(row, [...(rows.get(row) ?? []), node.id]);
  }
  const widest = Math.max(1, ...[...rows.values()].map((ids) => ids.length));
  const positions = {};
  for (const [row, ids] of rows) {
    const offset = ((widest - ids.length) * (NODE_WIDTH + COLUMN_GAP)) / 2;
    ids.forEach((id, column) => {
      positions[id] = { x: offset + column * (NODE_WIDTH + COLUMN_GAP), y: row * ROW_HEIGHT };
    });
  }
  return positions;
}
