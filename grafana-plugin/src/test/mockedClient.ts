import { mockApi } from './mockApi';

/**
 * The API client with every call mocked. Import this before the page under test: jest.mock here registers the
 * mock for the rest of the test file. The getter defers reading `api` until a page calls it, after this
 * module (whose jest.mock is hoisted above the declaration) has finished loading.
 */
export const api = mockApi();

jest.mock('../api/client', () => ({
  ...jest.requireActual('../api/client'),
  get api() {
    return api;
  },
}));
