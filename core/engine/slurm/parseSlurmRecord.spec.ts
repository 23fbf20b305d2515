import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expandArrayIndices } from './expandArrayIndices.js';
import { parseExitCode, parseSlurmRecord, recordJobId } from './parseSlurmRecord.js';
import { renderBatchScript, shellQuote } from './renderBatchScript.js';

// Lines as Slurm 22.05 wrote them on this project's single-node cluster (jobcomp/filetxt).
const arrayTaskLine =
  'JobId=12 UserId=root(0) GroupId=root(0) Name=wrap JobState=COMPLETED Partition=main TimeLimit=UNLIMITED StartTime=2026-12-03T16:19:11 EndTime=2026-12-03T16:19:13 NodeList=vm NodeCnt=1 ProcCnt=1 WorkDir=/tmp/i11/s ReservationName= Tres=cpu=1,mem=100M,node=1,billing=1 Account= QOS= WcKey= Cluster=unknown SubmitTime=2026-12-03T16:19:08 EligibleTime=2026-12-03T16:19:09 ArrayJobId=12 ArrayTaskId=2 DerivedExitCode=0:0 ExitCode=0:0 ';
const spacedNameLine =
  'JobId=100 UserId=root(0) GroupId=root(0) Name=my job X=1 JobState=FAILED Partition=main TimeLimit=UNLIMITED StartTime=2026-12-03T16:27:10 EndTime=2026-12-03T16:27:10 NodeList=vm NodeCnt=1 ProcCnt=1 WorkDir=/tmp/a b ReservationName= Tres=cpu=1,mem=50M,node=1,billing=1 Account= QOS= WcKey= Cluster=unknown SubmitTime=2026-12-03T16:27:09 EligibleTime=2026-12-03T16:27:09 DerivedExitCode=0:0 ExitCode=3:0 ';

describe('parseSlurmRecord', () => {
  it('reads an array task of the job-completion file under its ARRAYID_TASK id', () => {
    const fields = parseSlurmRecord(arrayTaskLine);
    expect(recordJobId(fields)).toBe('12_2');
    expect(fields.get('JobState')).toBe('COMPLETED');
    expect(fields.get('Tres')).toBe('cpu=1,mem=100M,node=1,billing=1');
    expect(fields.get('Account')).toBe('');
  });

  it('keeps spaces inside values and ends a value only at the next field', () => {
    const fields = parseSlurmRecord(spacedNameLine);
    expect(recordJobId(fields)).toBe('100');
    expect(fields.get('WorkDir')).toBe('/tmp/a b');
    expect(fields.get('JobState')).toBe('FAILED');
    expect(parseExitCode(fields.get('ExitCode'))).toEqual({ exitCode: 3, signal: 0 });
  });

  it('reads code:signal', () => {
    expect(parseExitCode('0:125')).toEqual({ exitCode: 0, signal: 125 });
    expect(parseExitCode('0:9')).toEqual({ exitCode: 0, signal: 9 });
    expect(parseExitCode(undefined)).toEqual({ exitCode: 0, signal: 0 });
  });
});

describe('expandArrayIndices', () => {
  it('expands ranges, lists, steps and ignores the concurrency limit', () => {
    expect(expandArrayIndices('0-2')).toEqual([0, 1, 2]);
    expect(expandArrayIndices('1,4,7')).toEqual([1, 4, 7]);
    expect(expandArrayIndices('0-15:4')).toEqual([0, 4, 8, 12]);
    expect(expandArrayIndices('1-3%1')).toEqual([1, 2, 3]);
    expect(expandArrayIndices('5,0-1')).toEqual([0, 1, 5]);
    expect(expandArrayIndices('abc')).toBeUndefined();
    expect(expandArrayIndices('3-1')).toBeUndefined();
  });
});

describe('shellQuote and renderBatchScript', () => {
  it('passes every word to the command unchanged through a real sh', () => {
    const words = ["it's", '$HOME', '`id`', 'a  b', '"q"', '\\n', ''];
    const script = renderBatchScript(['printf', '%s|', ...words], { VRS_X: "x'y" });
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(`${words.join('|')}|`);
    expect(execFileSync('sh', ['-c', `${script.replace(/^exec .*$/m, '')}printf %s "$VRS_X"`], { encoding: 'utf8' })).toBe("x'y");
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it('refuses an empty command and a variable name the shell cannot take', () => {
    expect(() => renderBatchScript([])).toThrow(/argv is empty/);
    expect(() => renderBatchScript(['true'], { 'BAD-NAME': '1' })).toThrow(/BAD-NAME/);
  });
});
