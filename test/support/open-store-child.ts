/**
 * Child process of the concurrent-open test: opens (creating and migrating) the store on the file
 * it is given, issues nothing, and exits 0; a migration race would end it with an error instead.
 * Usage: <db file>.
 */
import { SqliteStore } from '../../main/store/sqlite-store';

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: open-store-child <db file>');
new SqliteStore(dbFile).close();
