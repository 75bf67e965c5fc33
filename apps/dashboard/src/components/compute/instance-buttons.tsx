import { ACTION_LABELS, actionsFor } from '../../lib/shared/compute-rules.ts';

/**
 * One instance's action buttons: the power actions its status allows, snapshot and delete.
 * Plain buttons: InstanceActionsHost around the table handles their clicks.
 */
export function InstanceButtons({
  server,
}: {
  server: { id: string; name: string; status: string; taskState: string };
}) {
  const name = server.name || server.id;
  const busy = server.taskState !== '';
  return (
    <div className="row-actions" role="group" aria-label={`Actions for ${name}`}>
      {actionsFor(server.status, server.taskState).map((a) => (
        <button
          key={a}
          type="button"
          className="btn btn-small"
          data-action={a}
          data-id={server.id}
          data-name={name}
          aria-label={`${ACTION_LABELS[a]} ${name}`}
        >
          {ACTION_LABELS[a]}
        </button>
      ))}
      {server.status === 'ACTIVE' || server.status === 'SHUTOFF' ? (
        <button
          type="button"
          className="btn btn-small"
          data-action="snapshot"
          data-id={server.id}
          data-name={name}
          aria-label={`Snapshot ${name}`}
          disabled={busy}
        >
          Snapshot
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn-small btn-danger"
        data-action="delete"
        data-id={server.id}
        data-name={name}
        aria-label={`Delete ${name}`}
      >
        Delete
      </button>
    </div>
  );
}
