import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Silence } from '../api/types';
import { asRole, failure, renderAt } from '../test/helpers';
import { SilencesPage } from './SilencesPage';

const silence: Silence = {
  silence_id: 'sil-1',
  matchers: [
    { name: 'ship_id', value: 'ship-7', is_regex: false, is_equal: true },
    { name: 'service', value: 'vsat-.*', is_regex: true, is_equal: true },
  ],
  starts_at: '2026-12-05T01:00:00Z',
  ends_at: '2026-12-05T05:00:00Z',
  comment: 'planned VSAT maintenance',
  created_by: 'erik',
  created_at: '2026-12-05T01:00:00Z',
  updated_at: '2026-12-05T01:00:00Z',
  matched_count: 12,
  state: 'active',
  expired_by: null,
};

describe('SilencesPage', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    asRole('Editor');
  });

  test('lists silences with their matchers, state, author and matched count', async () => {
    api.listSilences.mockResolvedValue({ data: [silence] });

    renderAt(<SilencesPage />);

    const card = await screen.findByTestId('silence-sil-1');
    expect(card).toHaveTextContent('ship_id="ship-7", service=~"vsat-.*"');
    expect(card).toHaveTextContent('active');
    expect(card).toHaveTextContent('by erik');
    expect(card).toHaveTextContent('matched 12');
  });

  test('creates a silence from the form and shows a refusal naming the field', async () => {
    api.listSilences.mockResolvedValue({ data: [] });
    api.createSilence.mockRejectedValueOnce(failure("field 'matchers[0].value' is not a valid regex", 400));
    renderAt(<SilencesPage />);
    await screen.findByTestId('state-empty');

    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'ship-7' } });
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'drydock' } });
    fireEvent.click(screen.getByRole('button', { name: 'Silence' }));

    await waitFor(() =>
      expect(api.createSilence).toHaveBeenCalledWith(
        expect.objectContaining({
          matchers: [{ name: 'ship_id', value: 'ship-7', is_regex: false, is_equal: true }],
          comment: 'drydock',
        })
      )
    );
    expect(await screen.findByText("field 'matchers[0].value' is not a valid regex")).toBeInTheDocument();
  });

  test('expires an active silence', async () => {
    api.listSilences.mockResolvedValue({ data: [silence] });
    api.expireSilence.mockResolvedValue({ ...silence, state: 'expired' });
    renderAt(<SilencesPage />);

    fireEvent.click(await screen.findByRole('button', { name: 'Expire' }));

    await waitFor(() => expect(api.expireSilence).toHaveBeenCalledWith('sil-1'));
  });

  test('a viewer sees silences but cannot create or expire them', async () => {
    asRole('Viewer');
    api.listSilences.mockResolvedValue({ data: [silence] });

    renderAt(<SilencesPage />);

    await screen.findByTestId('silence-sil-1');
    expect(screen.queryByRole('button', { name: 'Expire' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Silence' })).not.toBeInTheDocument();
  });
});
