import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import incidents from '../__fixtures__/incidents.json';
import { IncidentPage } from '../api/types';
import { failure, never, renderAt } from '../test/helpers';
import { IncidentsPage } from './IncidentsPage';

const page = incidents as unknown as IncidentPage;

describe('IncidentsPage', () => {
  beforeEach(() => jest.clearAllMocks());

  test('shows a row per incident with its severity, type, ship, scope and status, linked to its detail', async () => {
    api.listIncidents.mockResolvedValue(page);

    renderAt(<IncidentsPage />);

    const table = await screen.findByTestId('incidents-table');
    const first = page.data[0];
    expect(table).toHaveTextContent(first.incident_type);
    expect(table).toHaveTextContent(first.ship_id);
    expect(table).toHaveTextContent(`${first.scope[0].device_id} / ${first.scope[0].service}`);
    expect(screen.getAllByRole('row')).toHaveLength(page.data.length + 1);
    expect(screen.getAllByRole('link')[0]).toHaveAttribute('href', `/a/aiops-operations-app/incidents/${first.incident_id}`);
    expect(screen.getByText(new RegExp(`${page.total} incidents`))).toBeInTheDocument();
  });

  test('asks again with the filter when one changes, from page 1', async () => {
    api.listIncidents.mockResolvedValue(page);
    renderAt(<IncidentsPage />);
    await screen.findByTestId('incidents-table');

    const ship = screen.getByLabelText('Ship');
    fireEvent.change(ship, { target: { value: 'viking-star' } });
    fireEvent.blur(ship);

    await waitFor(() => expect(api.listIncidents).toHaveBeenLastCalledWith(expect.objectContaining({ ship_id: 'viking-star', page: 1 })));
  });

  test('says so when nothing matches', async () => {
    api.listIncidents.mockResolvedValue({ data: [], total: 0, page: 1, per_page: 25, pages: 0 });

    renderAt(<IncidentsPage />);

    expect(await screen.findByTestId('state-empty')).toHaveTextContent('No incident matches');
  });

  test('shows loading until the API answers', () => {
    api.listIncidents.mockReturnValue(never());

    renderAt(<IncidentsPage />);

    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test("shows the API's own error message", async () => {
    api.listIncidents.mockRejectedValue(failure('time_range: use Nh, Nd or Nw'));

    renderAt(<IncidentsPage />);

    expect(await screen.findByTestId('state-error')).toHaveTextContent('time_range: use Nh, Nd or Nw');
  });
});
