import type { Translate } from '@/i18n/i18n';
import { useI18n } from '@/i18n/i18n-context';
import type { WriteProblem } from '@/salesforce/api/write-problems';
import { problemText as explain, RecordWriteFeedback, type WriteFeedbackProps } from '@/kit/record-writes';

export { discardFailed, useWhenDone } from '@/kit/record-writes';

/** A refused opportunity write explained, pointing at the guide's step for this tab. */
export function problemText(t: Translate, problem: WriteProblem): string {
  return explain(t, problem, t('tabs.step.opportunity'));
}

/** Progress and refusals of a write from this tab. */
export function WriteFeedback(props: Omit<WriteFeedbackProps, 'step'>) {
  const { t } = useI18n();
  return <RecordWriteFeedback {...props} step={t('tabs.step.opportunity')} />;
}
