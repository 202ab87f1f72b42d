import { api } from '../test/mockedClient';
import React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import policyFixture from '../__fixtures__/policy.json';
import { PolicyView } from '../api/types';
import { failure, never, renderAt } from '../test/helpers';
import { PolicyPage, valueAt } from './PolicyPage';

const policy = policyFixture as unknown as PolicyView;

describe('PolicyPage', () => {
  beforeEach(() => jest.clearAllMocks());

  test('shows the nine sections, each with its source', async () => {
    api.getPolicy.mockResolvedValue(policy);

    renderAt(<PolicyPage />);

    const names = Object.keys(policy.sections);
    expect(names).toHaveLength(9);
    for (const name of names) {
      expect(await screen.findByTestId(`policy-section-${name}`)).toHaveTextContent(policy.sections[name].source);
    }
  });

  test('an opened section lists each value with where it came from', async () => {
    api.getPolicy.mockResolvedValue(policy);
    renderAt(<PolicyPage />);

    fireEvent.click(await screen.findByTestId('policy-section-detect'));

    expect(await screen.findByText('stats.forecast.likelihood')).toBeInTheDocument();
    expect(screen.getByText(String(valueAt(policy.sections.detect.values, 'stats.forecast.likelihood')))).toBeInTheDocument();
  });

  test("a ship's policy is asked for by ship", async () => {
    api.getPolicy.mockResolvedValue(policy);
    renderAt(<PolicyPage />);
    await screen.findByTestId('policy-section-detect');

    const ship = screen.getByLabelText('Ship');
    fireEvent.change(ship, { target: { value: 'viking-star' } });
    fireEvent.blur(ship);

    await waitFor(() => expect(api.getPolicy).toHaveBeenLastCalledWith('viking-star'));
  });

  test('loading and error states', async () => {
    api.getPolicy.mockReturnValueOnce(never());
    const { unmount } = renderAt(<PolicyPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    unmount();

    api.getPolicy.mockRejectedValue(failure('Authentication required', 401));
    renderAt(<PolicyPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent('Authentication required');
  });

  test('valueAt walks a dotted path', () => {
    expect(valueAt({ a: { b: { c: 3 } } }, 'a.b.c')).toBe(3);
    expect(valueAt({ a: 1 }, 'a.b')).toBeUndefined();
  });
});
