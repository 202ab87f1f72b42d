import type { Api } from '../api/client';

/** Every API call as a jest mock; each test says what the API answers. */
export function mockApi(): jest.Mocked<Api> {
  return {
    listIncidents: jest.fn(),
    getIncident: jest.fn(),
    changeStatus: jest.fn(),
    addComment: jest.fn(),
    getTrace: jest.fn(),
    listApprovals: jest.fn(),
    approve: jest.fn(),
    reject: jest.fn(),
    listActions: jest.fn(),
    execute: jest.fn(),
    listSilences: jest.fn(),
    createSilence: jest.fn(),
    expireSilence: jest.fn(),
    listTemplates: jest.fn(),
    getPolicy: jest.fn(),
  } as jest.Mocked<Api>;
}
