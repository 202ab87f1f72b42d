import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import incidentFixture from '../__fixtures__/incident.json';
import traceFixture from '../__fixtures__/trace.json';
import { Incident, Trace } from '../api/types';
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

    await waitFor(() => expect(api.changeStatus).toHaveBeenCalledWith(incident.incident_id, 'ack', 'checking the antenna'));
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
});
