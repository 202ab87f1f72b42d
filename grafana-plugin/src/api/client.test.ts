import { of, throwError } from 'rxjs';
import { api, ApiError } from './client';
import incidentsFixture from '../__fixtures__/incidents.json';
import problemFixture from '../__fixtures__/problem.json';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

const base = '/api/plugin-proxy/aiops-operations-app/aiops';

describe('api client', () => {
  beforeEach(() => fetch.mockReset());

  test('lists incidents with every filter on the query string, through the plugin proxy', async () => {
    fetch.mockReturnValue(of({ data: incidentsFixture }));

    const page = await api.listIncidents({ severity: ['critical', 'high'], status: 'open', type: 'link_degradation', ship_id: 'viking-star', search: 'vsat', page: 2, per_page: 25 });

    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'GET',
        url: `${base}/api/v3/incidents?severity=critical%2Chigh&status=open&type=link_degradation&ship_id=viking-star&search=vsat&page=2&per_page=25`,
      })
    );
    // The fixture is what the real host answered (captured from GET /api/v3/incidents).
    expect(page.total).toBe(incidentsFixture.total);
    expect(page.data[0].incident_id).toMatch(/^INC-/);
    expect(page.data[0].corr_keys.length).toBeGreaterThan(0);
  });

  test('leaves out filters that are not set', async () => {
    fetch.mockReturnValue(of({ data: incidentsFixture }));

    await api.listIncidents({ severity: [], status: '', page: 1 });

    expect(fetch.mock.calls[0][0].url).toBe(`${base}/api/v3/incidents?page=1`);
  });

  test("lists a service's log templates by ship and service", async () => {
    fetch.mockReturnValue(of({ data: [] }));

    await api.listTemplates('viking-star', 'vsat modem');

    expect(fetch.mock.calls[0][0].url).toBe(`${base}/api/v3/templates?ship_id=viking-star&service=vsat%20modem`);
  });

  test('changes a status with PATCH and the comment only when there is one', async () => {
    fetch.mockReturnValue(of({ data: {} }));

    await api.changeStatus('INC-1', 'ack', 'on it');
    await api.changeStatus('INC-1', 'resolved');

    expect(fetch.mock.calls[0][0]).toMatchObject({ method: 'PATCH', url: `${base}/api/v3/incidents/INC-1`, data: { status: 'ack', comment: 'on it' } });
    expect(fetch.mock.calls[1][0].data).toEqual({ status: 'resolved' });
  });

  test('approves, rejects and executes on the operations routes', async () => {
    fetch.mockReturnValue(of({ data: {} }));

    await api.approve('exec-1', 'checked');
    await api.reject('exec-1', 'not during the port call');
    await api.execute('restart_service', { ship_id: 'viking-sky', service: 'pms-db', dry_run: true });
    await api.listApprovals(true);

    expect(fetch.mock.calls.map((c) => [c[0].method, c[0].url, c[0].data])).toEqual([
      ['POST', `${base}/api/v3/approvals/exec-1/approve`, { comment: 'checked' }],
      ['POST', `${base}/api/v3/approvals/exec-1/reject`, { reason: 'not during the port call' }],
      ['POST', `${base}/api/v3/actions/restart_service/execute`, { ship_id: 'viking-sky', service: 'pms-db', dry_run: true }],
      ['GET', `${base}/api/v3/approvals?mine=true`, undefined],
    ]);
  });

  test('escapes ids in paths', async () => {
    fetch.mockReturnValue(of({ data: {} }));

    await api.getTrace('req/../../admin');

    expect(fetch.mock.calls[0][0].url).toBe(`${base}/api/v3/trace/req%2F..%2F..%2Fadmin`);
  });

  test("turns a ProblemDetails answer into an ApiError with the problem's detail", async () => {
    fetch.mockReturnValue(throwError(() => ({ status: 400, data: problemFixture, statusText: 'Bad Request' })));

    const error = await api.changeStatus('INC-1', 'ack').catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe(problemFixture.detail);
  });

  test('says the API could not be reached when there is no answer at all', async () => {
    fetch.mockReturnValue(throwError(() => ({})));

    await expect(api.listActions()).rejects.toThrow('The AiOps API could not be reached');
  });
});
