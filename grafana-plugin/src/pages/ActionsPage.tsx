import React, { useEffect, useState } from 'react';
import { PluginPage } from '@grafana/runtime';
import { Alert, Badge, Button, Card, Checkbox, Field, Input, Modal } from '@grafana/ui';
import { api } from '../api/client';
import { ActionExecution, ActionView, ExecuteRequest } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Empty, Failed, Loading } from '../components/common/StateViews';
import { StatusBadge } from '../components/common/SeverityBadge';
import { canAct } from '../utils/permissions';

/** The allow-listed actions with risk, approvals and live cooldowns; execute with typed parameters. */
export function ActionsPage() {
  const catalog = useLoad(() => api.listActions(), 'actions', 30_000);
  const now = useNow();

  return (
    <PluginPage>
      {catalog.data && (
        <p>
          {catalog.data.in_maintenance_window
            ? `Inside maintenance window "${catalog.data.in_maintenance_window}": medium- and high-risk actions may run.`
            : `Outside maintenance windows: medium- and high-risk actions wait for one (${catalog.data.maintenance_windows
                .map((w) => `${w.name}: ${w.day} ${w.start}–${w.end} ${w.timezone}`)
                .join('; ') || 'none defined'}).`}
        </p>
      )}
      {catalog.error && <Failed error={catalog.error} onRetry={catalog.reload} />}
      {!catalog.data && catalog.loading && <Loading what="actions" />}
      {catalog.data && catalog.data.actions.length === 0 && <Empty>remediate.yaml allows no actions.</Empty>}
      {catalog.data?.actions.map((action) => (
        <ActionCard key={action.action} action={action} now={now} onExecuted={catalog.reload} />
      ))}
    </PluginPage>
  );
}

function ActionCard({ action, now, onExecuted }: { action: ActionView; now: number; onExecuted: () => void }) {
  const [open, setOpen] = useState(false);
  const cooling = action.cooling_down.filter((c) => Date.parse(c.available_at) > now);
  return (
    <Card data-testid={`action-${action.action}`}>
      <Card.Heading>{action.action}</Card.Heading>
      <Card.Meta>
        {[
          `risk ${action.risk}`,
          action.approvals_required === 0 ? 'runs without approval' : `needs ${action.approvals_required} approval${action.approvals_required > 1 ? 's (two different engineers)' : ''}`,
          `cooldown ${formatDuration(action.cooldown_sec * 1000)}`,
          `${action.max_retries} retries, ${action.timeout_sec} s timeout`,
          [action.requires_pre_check && 'pre-check', action.requires_post_check && 'post-check'].filter(Boolean).join(' + ') || 'no checks',
        ]}
      </Card.Meta>
      <Card.Description>
        {cooling.length === 0
          ? 'Available on every target.'
          : cooling.map((c) => (
              <Badge key={c.target} color="orange" text={`${c.target}: available in ${formatDuration(Date.parse(c.available_at) - now)}`} />
            ))}
      </Card.Description>
      {canAct() && (
        <Card.Actions>
          <Button onClick={() => setOpen(true)}>Execute…</Button>
        </Card.Actions>
      )}
      {open && <ExecuteModal action={action} onClose={() => setOpen(false)} onExecuted={onExecuted} />}
    </Card>
  );
}

function ExecuteModal({ action, onClose, onExecuted }: { action: ActionView; onClose: () => void; onExecuted: () => void }) {
  const [form, setForm] = useState<ExecuteRequest>({ ship_id: '', service: '', dry_run: false });
  const [result, setResult] = useState<ActionExecution>();
  const [error, setError] = useState<Error>();
  const valid = /^[A-Za-z0-9._-]{1,128}$/;
  const shipInvalid = form.ship_id !== '' && !valid.test(form.ship_id);
  const serviceInvalid = form.service !== '' && !valid.test(form.service);
  const ready = valid.test(form.ship_id) && valid.test(form.service);

  const submit = async () => {
    try {
      setResult(await api.execute(action.action, { ...form, incident_id: form.incident_id || undefined, reason: form.reason || undefined }));
      setError(undefined);
      onExecuted();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Modal title={`Execute ${action.action}`} isOpen onDismiss={onClose}>
      <Field label="Ship" invalid={shipInvalid} error={shipInvalid ? 'Letters, digits, ".", "_" or "-"' : undefined}>
        <Input aria-label="Ship" value={form.ship_id} onChange={(e) => setForm({ ...form, ship_id: e.currentTarget.value.trim() })} />
      </Field>
      <Field label="Service" invalid={serviceInvalid} error={serviceInvalid ? 'Letters, digits, ".", "_" or "-"' : undefined}>
        <Input aria-label="Service" value={form.service} onChange={(e) => setForm({ ...form, service: e.currentTarget.value.trim() })} />
      </Field>
      <Field label="Incident (optional)">
        <Input aria-label="Incident" value={form.incident_id ?? ''} onChange={(e) => setForm({ ...form, incident_id: e.currentTarget.value.trim() })} />
      </Field>
      <Field label="Reason">
        <Input aria-label="Reason" value={form.reason ?? ''} onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })} />
      </Field>
      <Checkbox label="Dry run (records what would happen, changes nothing)" value={form.dry_run} onChange={(e) => setForm({ ...form, dry_run: e.currentTarget.checked })} />
      {error && <Failed error={error} />}
      {result && (
        <Alert title={`Execution ${result.execution_id}`} severity={result.status === 'failed' || result.status === 'rolled_back' ? 'error' : 'info'}>
          <StatusBadge status={result.status} />{' '}
          {result.status === 'pending_approval' ? `Waiting for ${result.approvals_required} approval(s).` : result.steps.join(' · ')}
          {result.error ? ` ${result.error}` : ''}
        </Alert>
      )}
      <Modal.ButtonRow>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
        <Button disabled={!ready} onClick={submit}>
          Execute
        </Button>
      </Modal.ButtonRow>
    </Modal>
  );
}

/** The current time, ticking every second, for cooldown countdowns. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours > 0) {
    return `${hours}h ${minutes % 60}m`;
  }
  return minutes > 0 ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
}

export default ActionsPage;
