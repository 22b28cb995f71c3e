/**
 * Runs CrampWatch's detector in this process through `analyzeRecording` (the function behind
 * the `analyze` command): one pass gives every alert phase, and each event's final state is its
 * `end` phase, as `analyze` prints it. About twice as fast as spawning the command twice;
 * `eval/run.ts --cli` uses the command instead, to check the two agree.
 */
import type { AlertPhase, DetectionsOrError } from './detections.ts';
import { toPhase } from './run-detector.ts';

export async function runDetectorInProcess(path: string, topicPrefix: string): Promise<DetectionsOrError> {
  try {
    const { analyzeRecording } = await import('../app/analyze-recording.ts');
    const phases: AlertPhase[] = [];
    await analyzeRecording(path, topicPrefix, {
      onProblem: () => {},
      onOutput: (o) => phases.push(toPhase(o)),
    });
    const events = phases.filter((p) => p.phase === 'end').map((p) => p.event);
    events.sort((a, b) => a.start - b.start);
    return { events, phases };
  } catch (err) {
    return { error: `analyzeRecording: ${err instanceof Error ? err.message : String(err)}` };
  }
}
