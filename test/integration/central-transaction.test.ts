import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../main/central/store/transaction';
import { postgresMissing, throwawayPostgres } from '../support/postgres';

/*
 * The central's transactions when PostgreSQL restarts under them (the projector holds a connection
 * across its fold, longer than a batch's ingest did): the transaction fails and its connection is
 * dropped, the process goes on. node-postgres emits a lost checked-out connection as an 'error'
 * event on the client; unheard, that ends the process (vitest reports it as an uncaught error).
 */

const missing = postgresMissing();

describe.skipIf(missing)(`transactions through a PostgreSQL restart${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    cluster = await throwawayPostgres();
    pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
    pool.on('error', () => {});
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    cluster?.remove();
  });

  it('fails a transaction whose connection is lost between its statements, and the next one works', async () => {
    await expect(
      transaction(pool, async (client) => {
        await client.query('SELECT 1');
        cluster.stop();
        // The lost connection is noticed while no statement is under way.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await client.query('SELECT 1');
      }),
    ).rejects.toThrow();
    cluster.start();
    const answer = await transaction(pool, (client) => client.query<{ one: number }>('SELECT 1 AS one'));
    expect(answer.rows).toEqual([{ one: 1 }]);
  }, 60_000);
});
