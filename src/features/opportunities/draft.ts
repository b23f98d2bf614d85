import { useFormDraft, type Draft } from '@/kit/record-writes';

/** A form of this tab keeps what the agent typed until Salesforce has it. */
export function useDraft<K extends string>(key: string, base: Readonly<Record<K, string>>): Draft<K> {
  return useFormDraft('opportunity', key, base);
}
