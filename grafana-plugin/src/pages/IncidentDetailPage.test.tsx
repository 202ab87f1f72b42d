import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import incidentFixture from '../__fixtures__/incident.json';
import traceFixture from '../__fixtures__/trace.json';
import { Incident, LogTemplate, Trace } from '../api/types';
import { asRole, failure, never, renderAt } from '../test/helpers';
import { IncidentDetailPage } from './IncidentDetailPage';

const incident = incidentFixture as unknown as Incident;
const renderDetail = () => renderAt(<IncidentDetailPage />, `/incidents/${incident.incident_id}`, '/incidents/:id');

describe('IncidentDetailPage', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    asRole('Editor');
  });

  test('shows the header and the summary of the incident it was opened for', async () => {
    api.getIncident.mockResolvedValue(incident);

    renderDetail();

    expect(await screen.findByRole('heading', { name: incident.incident_type })).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith(incident.incident_id);
    const summary = screen.getByTestId('incident-summary');
    expect(summary).toHaveTextContent(incident.suppress_key);
    expect(summary).toHaveTextContent(incident.corr_keys[0]);
  });

  test('acknowledges after confirmation, with the comment', async () => {
    api.getIncident.mockResolvedValue(incident);
    api.changeStatus.mockResolvedValue({ ...incident, status: 'ack' });
    renderDetail();

    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'checking the antenna' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Acknowledge' }));

    await waitFor(() =>
      expect(api.changeStatus).toHaveBeenCalledWith(incident.incident_id, 'ack', 'checking the antenna')
    );
    expect(api.getIncident).toHaveBeenCalledTimes(2);
  });

  test('a viewer sees no status buttons', async () => {
    asRole('Viewer');
    api.getIncident.mockResolvedValue(incident);

    renderDetail();

    await screen.findByRole('heading', { name: incident.incident_type });
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
  });

  test('a refused change shows why', async () => {
    api.getIncident.mockResolvedValue(incident);
    api.changeStatus.mockRejectedValue(failure("Cannot move from 'resolved' to 'ack'.", 409));
    renderDetail();

    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Acknowledge' }));

    expect(await screen.findByTestId('state-error')).toHaveTextContent("Cannot move from 'resolved' to 'ack'.");
  });

  test('the timeline, evidence and insight tabs show what the incident carries', async () => {
    api.getIncident.mockResolvedValue(incident);
    renderDetail();
    await screen.findByRole('heading', { name: incident.incident_type });

    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(screen.getByTestId('incident-timeline')).toHaveTextContent(incident.timeline[0].event);
    fireEvent.click(screen.getByRole('tab', { name: 'Evidence' }));
    expect(screen.getByTestId('incident-evidence')).toHaveTextContent(incident.evidence[0].ref);
    fireEvent.click(screen.getByRole('tab', { name: 'Insight' }));
    const insight = screen.getByTestId('incident-insight');
    expect(insight).toHaveTextContent(incident.narrative!);
    expect(insight).toHaveTextContent(`risk ${incident.runbook_refs[0].risk}`);
  });

  test('the templates tab shows the log templates of the members, with counts and level mix', async () => {
    const evidence = [
      { ref: '/api/v3/trace/t-1', summary: 'a', weight: 0.9, template_id: 7, service: 'billing' },
      { ref: '/api/v3/trace/t-2', summary: 'b', weight: 0.8, template_id: 7, service: 'billing' },
      { ref: '/api/v3/trace/t-3', summary: 'c', weight: 0.7, template_id: 2, service: 'billing' },
      { ref: '/api/v3/trace/t-4', summary: 'd', weight: 0.6 },
    ];
    const mined: LogTemplate[] = [
      {
        id: 7,
        text: 'Ledger replication to <*> failed after <*> ms',
        count: 40,
        first_seen: incident.created_at,
        last_seen: incident.created_at,
        levels: { info: 0, warn: 4, error: 36 },
        acted_on: false,
      },
    ];
    api.getIncident.mockResolvedValue({ ...incident, evidence });
    api.listTemplates.mockResolvedValue(mined);
    renderDetail();

    fireEvent.click(await screen.findByRole('tab', { name: 'Templates' }));

    const table = await screen.findByTestId('incident-templates');
    expect(api.listTemplates).toHaveBeenCalledTimes(1);
    expect(api.listTemplates).toHaveBeenCalledWith(incident.ship_id, 'billing');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Ledger replication to <*> failed after <*> ms');
    expect(rows[1]).toHaveTextContent('error 36 · warn 4');
    expect(rows[1]).toHaveTextContent(/billing.*2.*40/);
    expect(rows[2]).toHaveTextContent('template 2 (no longer kept by the service)');
  });

  test('the templates tab says when no member came from a log template', async () => {
    api.getIncident.mockResolvedValue(incident);
    renderDetail();

    fireEvent.click(await screen.findByRole('tab', { name: 'Templates' }));

    expect(screen.getByTestId('state-empty')).toHaveTextContent('No member of this incident came from a log template');
    expect(api.listTemplates).not.toHaveBeenCalled();
  });

  test('the insight tab says when there is no insight yet', async () => {
    api.getIncident.mockResolvedValue({ ...incident, narrative: null, runbook_refs: [] });
    renderDetail();
    await screen.findByRole('heading', { name: incident.incident_type });

    fireEvent.click(screen.getByRole('tab', { name: 'Insight' }));

    expect(screen.getByTestId('state-empty')).toHaveTextContent('No insight yet');
  });

  test('the trace tab shows the stages of a member event with their latencies', async () => {
    api.getIncident.mockResolvedValue(incident);
    api.getTrace.mockResolvedValue(traceFixture as unknown as Trace);
    renderDetail();
    await screen.findByRole('heading', { name: incident.incident_type });

    fireEvent.click(screen.getByRole('tab', { name: 'Trace' }));

    const stages = await screen.findByTestId('trace-stages');
    expect(api.getTrace).toHaveBeenCalledWith(incident.tracking_ids[0]);
    expect(stages).toHaveTextContent('detected');
    expect(stages).toHaveTextContent(`${traceFixture.stages[1].latency_ms.toFixed(1)} ms`);
  });

  test('loading, then an unknown incident is the API error', async () => {
    api.getIncident.mockReturnValueOnce(never());
    const { unmount } = renderDetail();
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    unmount();

    api.getIncident.mockRejectedValue(failure("No incident has the id 'INC-x'.", 404));
    renderDetail();
    expect(await screen.findByTestId('state-error')).toHaveTextContent("No incident has the id 'INC-x'.");
  });
  test('lists comments and adds one', async () => {
    const commented = {
      ...incident,
      comments: [{ comment_id: 'c-1', ts: incident.created_at, author: 'erik', text: 'modem rebooted' }],
    };
    api.getIncident.mockResolvedValue(commented);
    api.addComment.mockResolvedValue({
      comment_id: 'c-2',
      ts: incident.created_at,
      author: 'erik',
      text: 'still down',
    });
    renderDetail();

    fireEvent.click(await screen.findByRole('tab', { name: 'Comments' }));
    expect(screen.getByTestId('incident-comments')).toHaveTextContent('erik');
    expect(screen.getByTestId('incident-comments')).toHaveTextContent('modem rebooted');
    fireEvent.change(screen.getByLabelText('New comment'), { target: { value: 'still down' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add comment' }));

    await waitFor(() => expect(api.addComment).toHaveBeenCalledWith(incident.incident_id, 'still down'));
  });

  test('shows why each member joined', async () => {
    const reason = {
      tracking_id: incident.tracking_ids[0],
      rule: 'joined_window',
      correlation_key: `link_degradation/${incident.ship_id}`,
      window_sec: 600,
      distance_sec: 42,
      fingerprint: `${incident.ship_id}|comms|vsat|link_down|sat-1|-`,
      event_ts: incident.created_at,
    };
    api.getIncident.mockResolvedValue({ ...incident, why_grouped: [reason] });
    renderDetail();

    fireEvent.click(await screen.findByRole('tab', { name: 'Why grouped' }));

    const table = screen.getByTestId('incident-why-grouped');
    expect(table).toHaveTextContent('joined_window');
    expect(table).toHaveTextContent('600s');
    expect(table).toHaveTextContent('42s');
    expect(table).toHaveTextContent(reason.fingerprint);
  });
});
