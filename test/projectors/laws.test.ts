import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { EVENT_LOG_TABLES, openDatabase, RUNNER_TABLES, SqliteEventLog, standardProjections } from '../../src/store/index.ts';
import { REPO } from '../helpers/shared.ts';

// Names after FROM / JOIN / INTO / UPDATE / TABLE / INDEX … ON: every table a statement touches.
function tablesIn(sql: string): string[] {
  const out: string[] = [];
  const re = /\b(?:FROM|JOIN|INTO|(?<!DO )UPDATE|TABLE(?: IF NOT EXISTS)?|INDEX(?: IF NOT EXISTS)? \w+ ON)\s+([A-Za-z_][A-Za-z0-9_]*)/gi;
  for (const m of sql.matchAll(re)) out.push(m[1]);
  return out;
}

describe('the laws', () => {
  it('each projection runs SQL on its own tables only, and no two projections share a table (law 9)', () => {
    const log = new SqliteEventLog(openDatabase(':memory:'));
    const projections = standardProjections(log.db);
    const owners = new Map<string, string>();
    for (const p of projections) {
      for (const t of p.tables) {
        expect(owners.get(t), `${t} owned twice`).toBeUndefined();
        expect([...EVENT_LOG_TABLES, ...RUNNER_TABLES] as string[]).not.toContain(t);
        owners.set(t, p.name);
      }
      expect(p.statements.length).toBeGreaterThan(3);
      for (const sql of p.statements) {
        for (const table of tablesIn(sql)) expect(p.tables, `${p.name} touches ${table} in: ${sql}`).toContain(table);
      }
    }
  });

  it('the table check itself catches a statement that reads another table', () => {
    expect(tablesIn('SELECT a FROM aircraft JOIN track_heads ON x = y')).toEqual(expect.arrayContaining(['aircraft', 'track_heads']));
  });

  it('projectors import no I/O, clock or randomness (the lint rule for pure folders holds on src/projectors)', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const files = readdirSync(path.join(REPO, 'src/projectors')).map((f) => path.join(REPO, 'src/projectors', f));
    const results = await eslint.lintFiles(files);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
    const [probe] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const t = Date.now() + Math.random() + readFileSync('x').length;\n", {
      filePath: path.join(REPO, 'src/projectors/probe.ts'),
    });
    const rules = probe.messages.map((m) => m.ruleId);
    expect(rules).toContain('no-restricted-imports');
    expect(rules.filter((r) => r === 'no-restricted-syntax')).toHaveLength(2);
    expect(readFileSync(path.join(REPO, 'eslint.config.js'), 'utf8')).toContain("'src/projectors'");
  });
});
