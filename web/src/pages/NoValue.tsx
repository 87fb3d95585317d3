/** An empty cell: a dash to see, "None" to hear. */
export function NoValue() {
  return (
    <span className="muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">None</span>
    </span>
  );
}
