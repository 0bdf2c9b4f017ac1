import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures.js';
import { parsePushReply, rejectedElements } from './push-reply.js';

describe('parsePushReply', () => {
  it('reads a plain success (08-push/01)', () => {
    const reply = parsePushReply(fixtureText('08-push/01-push-create-POST.response.json'));
    expect(reply).toMatchObject({ status: 'success', message: null, records: 3, created: [5, 6, 7], rejected: [] });
  });

  it('lists the refused elements of the error tree (08-push/07, 11/01)', () => {
    const validation = parsePushReply(fixtureText('08-push/07-push-validation-error-missing-name.response.json'));
    expect(validation.message).toBe('name: value(s) required - invalid items ignored');
    expect(validation.rejected).toEqual([
      { table: 'org_organisation', uuid: 'urn:uuid:0a000000-0000-4000-8000-000000000009', error: 'name: value(s) required' },
    ]);
    const task = parsePushReply(fixtureText('11-server-side-sync-task/01-push-pr_person-with-task-create-only-THIS.response.json'));
    expect(task.rejected).toEqual([
      { table: 'pr_person', uuid: 'urn:uuid:0c000000-0000-4000-8000-000000000001', error: 'Operation not permitted' },
    ]);
  });

  it('walks nested component lists', () => {
    const tree = {
      $_org_organisation: [
        { '@uuid': 'urn:uuid:o1', $_org_office: [{ '@uuid': 'urn:uuid:f1', '@error': 'bad office' }] },
      ],
    };
    expect(rejectedElements(tree)).toEqual([{ table: 'org_office', uuid: 'urn:uuid:f1', error: 'bad office' }]);
  });

  it('keeps numeric ids from Eden and uuids from a peer without integer ids (the demo peer)', () => {
    const eden = parsePushReply('{"status": "success", "statuscode": "200", "records": 2, "created": [5], "updated": [6], "deleted": [7]}');
    expect([eden.created, eden.updated, eden.deleted]).toEqual([[5], [6], [7]]);
    const demo = parsePushReply(
      JSON.stringify({ status: 'success', statuscode: '200', records: 2, created: ['urn:uuid:c'], updated: ['urn:uuid:u', 3], deleted: ['urn:uuid:d'] }),
    );
    expect([demo.created, demo.updated, demo.deleted]).toEqual([['urn:uuid:c'], ['urn:uuid:u', 3], ['urn:uuid:d']]);
    const odd = parsePushReply(JSON.stringify({ status: 'success', created: ['', null, {}, [1], true, 4] }));
    expect(odd.created).toEqual([4]);
  });

  it('rejects a body that is not Eden JSON', () => {
    expect(() => parsePushReply('<html>oops</html>')).toThrow(/not JSON/);
    expect(() => parsePushReply('{"records": 1}')).toThrow(/no status/);
  });
});
