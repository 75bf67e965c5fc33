/** A row's delete (or revoke...) button; the DeleteHost around the table asks to confirm. */
export function DeleteButton({
  id,
  label,
  verb = 'Delete',
}: {
  id: string;
  label: string;
  verb?: string;
}) {
  return (
    <button
      type="button"
      className="btn btn-small btn-danger"
      data-delete={id}
      data-label={label}
      aria-label={`${verb} ${label}`}
    >
      {verb}
    </button>
  );
}
