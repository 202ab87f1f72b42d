import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import approvalsFixture from '../__fixtures__/approvals.json';
import { ActionExecution } from '../api/types';
import { asRole, failure, never, renderAt } from '../test/helpers';
import { ApprovalsPage } from './ApprovalsPage';

const pending = approvalsFixture as unknown as ActionExecution[];
const execution = pending[0];

describe('ApprovalsPage', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    asRole('Editor');
  });

  test('lists what waits for approval with who asked and how many approvals it needs', async () => {
    api.listApprovals.mockResolvedValue(pending);

    renderAt(<ApprovalsPage />);

    const card = await screen.findByTestId(`approval-${execution.execution_id}`);
    expect(card).toHaveTextContent(`${execution.action} on ${execution.ship_id}/${execution.service}`);
    expect(card).toHaveTextContent(`approvals 0 of ${execution.approvals_required}`);
    expect(api.listApprovals).toHaveBeenCalledWith(false);
  });

  test('"requested by me" asks for mine', async () => {
    api.listApprovals.mockResolvedValue([]);
    renderAt(<ApprovalsPage />);
    await screen.findByTestId('state-empty');

    fireEvent.click(screen.getByLabelText('Requested by me'));

    await waitFor(() => expect(api.listApprovals).toHaveBeenLastCalledWith(true));
  });

  test('approves with an optional comment', async () => {
    api.listApprovals.mockResolvedValue(pending);
    api.approve.mockResolvedValue({ ...execution, approvals: [{ by: 'emma', at: execution.requested_at, comment: null }] });
    renderAt(<ApprovalsPage />);

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(api.approve).toHaveBeenCalledWith(execution.execution_id, undefined));
  });

  test('a rejection needs a reason before it can be sent', async () => {
    api.listApprovals.mockResolvedValue(pending);
    api.reject.mockResolvedValue({ ...execution, status: 'rejected' });
    renderAt(<ApprovalsPage />);

    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Reject' })).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'not while alongside' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));

    await waitFor(() => expect(api.reject).toHaveBeenCalledWith(execution.execution_id, 'not while alongside'));
  });

  test("the two-person rule's refusal is shown", async () => {
    api.listApprovals.mockResolvedValue(pending);
    api.approve.mockRejectedValue(failure('The requester cannot approve their own request.', 409));
    renderAt(<ApprovalsPage />);

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve' }));

    expect(await screen.findByText('The requester cannot approve their own request.')).toBeInTheDocument();
  });

  test('a viewer cannot approve', async () => {
    asRole('Viewer');
    api.listApprovals.mockResolvedValue(pending);

    renderAt(<ApprovalsPage />);

    await screen.findByTestId(`approval-${execution.execution_id}`);
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  test('loading and error states', async () => {
    api.listApprovals.mockReturnValueOnce(never());
    const { unmount } = renderAt(<ApprovalsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    unmount();

    api.listApprovals.mockRejectedValue(failure('The role \'ingest\' may not use this endpoint.', 403));
    renderAt(<ApprovalsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent("The role 'ingest' may not use this endpoint.");
  });
});
