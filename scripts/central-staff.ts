// `npm run central -- staff …`: the accounts staff sign in to the dashboards with (issue 13).
// Passwords are read from the terminal without echo (twice), or from the first line of standard
// input when it is not a terminal; never from the command line, which shell history keeps.
import { createInterface } from 'node:readline/promises';
import { hashPassword, newPasswordProblem, normalUsername, usernameProblem } from '../main/central/staff/password';
import { scopeFor } from '../main/central/staff/scope';
import type { StaffAccount, StaffStore } from '../main/central/staff/staff-store';

export const STAFF_USAGE = `  staff add <username> --role <analyst|manager> (--network | --centre <id> [--centre <id> …])
  staff list                                   every account, its role and what it reads
  staff disable <username>                     the account can no longer sign in; its sessions end
  staff reset-password <username>              a new password; the account's sessions end`;

export interface StaffArgs {
  role?: string;
  network?: boolean;
  centre?: string[];
}

/** Runs one staff command; returns the exit code, or throws a refusal's message as an Error. */
export async function staffCommand(store: StaffStore, args: string[], options: StaffArgs): Promise<number> {
  const [action, typedName] = args;
  const username = typedName === undefined ? undefined : normalUsername(typedName);
  const needName = () => {
    if (username === undefined) throw new Error(`staff ${action}: name the account`);
    return username;
  };
  switch (action) {
    case 'add': {
      const name = needName();
      const problem = usernameProblem(name);
      if (problem) throw new Error(`username ${JSON.stringify(name)} ${problem}`);
      const role = options.role;
      if (role !== 'analyst' && role !== 'manager') throw new Error('--role must be analyst or manager');
      const scope = scopeFor(role, { network: options.network === true, centreIds: options.centre ?? [] });
      if (!scope.ok) throw new Error(scope.problem);
      const password = await newPassword(name);
      const added = await store.addAccount({
        username: name,
        role,
        scope: scope.scope,
        passwordHash: await hashPassword(password),
        at: new Date(),
      });
      if (!added) throw new Error(`an account ${name} exists already (reset its password with staff reset-password)`);
      console.log(`Account ${name} added: ${describe({ role, scope: scope.scope })}. It signs in at /dashboard/.`);
      return 0;
    }
    case 'list': {
      const accounts = await store.accounts();
      if (accounts.length === 0) console.log('No staff account yet: add one with staff add.');
      for (const account of accounts)
        console.log(
          [
            account.username.padEnd(24),
            describe(account).padEnd(40),
            account.disabledAt ? `DISABLED ${account.disabledAt}` : `since ${account.createdAt}`,
          ].join('  '),
        );
      return 0;
    }
    case 'disable': {
      const name = needName();
      const disabled = await store.disable(name, new Date());
      console.log(disabled ? `${name} is disabled; its sessions have ended.` : `No enabled account ${name}.`);
      return disabled ? 0 : 1;
    }
    case 'reset-password': {
      const name = needName();
      if (!(await store.account(name))) throw new Error(`no account ${name}`);
      const changed = await store.setPasswordHash(name, await hashPassword(await newPassword(name)), new Date());
      console.log(changed ? `${name}'s password is changed; its sessions have ended.` : `No account ${name}.`);
      return changed ? 0 : 1;
    }
    default:
      throw new Error(`staff: unknown action ${action ?? '(none)'}`);
  }
}

function describe(account: Pick<StaffAccount, 'role' | 'scope'>): string {
  const what = account.scope.kind === 'network' ? 'the whole network' : account.scope.centreIds.join(', ');
  return `${account.role === 'analyst' ? 'analyst' : 'centre manager'} of ${what}`;
}

async function newPassword(username: string): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await readHidden(`New password for ${username}: `);
    if ((await readHidden('The same password again: ')) !== password) throw new Error('the two passwords differ');
  } else {
    const input = createInterface({ input: process.stdin, terminal: false });
    password = (await input[Symbol.asyncIterator]().next()).value ?? '';
    input.close();
  }
  const problem = newPasswordProblem(password, username);
  if (problem) throw new Error(`the password ${problem}`);
  return password;
}

/** A line typed at the terminal, not shown on it. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        typed = char === '\u007f' || char === '\b' ? [...typed].slice(0, -1).join('') : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}
