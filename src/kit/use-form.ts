/**
 * What every form of the panel does the same way (README "Conventions", 5): our checks are shown once the
 * agent submitted (or left the field, for forms that say so), Salesforce's refusal of the form's last write
 * names its fields, a write refused before sending (`blockedWrite`) is shown instead of sent, and a submit
 * runs only when every check passes and no write of the form is on its way. Drafts stay the forms' own.
 */
import { useCallback, useState, type SyntheticEvent } from 'react';
import type { WriteProblem } from '@/salesforce/api/write-problems';
import type { OutboxItemError } from '@/salesforce/outbox/types';
import type { OutboxWrite } from './outbox-react';

export interface FormOptions<Name extends string> {
  /** Our checks of the values as they are now: a message per field that is wrong, null (or absent) when right. */
  errors?: Partial<Record<Name, string | null>>;
  /** The outbox write the form sends, if it sends one. */
  write?: OutboxWrite;
}

export interface Form<Name extends string> {
  /** The agent submitted since the form started (or was reset). */
  submitted: boolean;
  /** Marks a field the agent left: its error shows before a submit. */
  touch: (name: Name) => void;
  /** Whether our error of a field is shown: after a submit, or once the field was left. */
  shows: (name: Name) => boolean;
  /** Our error of a field, when shown. */
  error: (name: Name) => string | null;
  /** Salesforce's refusal of the form's last write, if it refused it. */
  refusal: OutboxItemError | null;
  /** Salesforce's message when its refusal named `field` (an API name). */
  serverError: (field: string) => string | null;
  /** Our error of a field when shown, else Salesforce's for its API name. */
  fieldError: (name: Name, field: string) => string | null;
  /** A write found refused before sending, shown like a refusal. */
  blocked: WriteProblem | null;
  /** Keeps `problem` (from `blockedWrite`) to show; true when there is none and the write may go. */
  allow: (problem: WriteProblem | null) => boolean;
  /** On submit: marks the form submitted; true when every check passes and its write is not busy, so it may go on. */
  submit: (event?: SyntheticEvent) => boolean;
  /** Starts over: nothing submitted, touched or blocked. */
  reset: () => void;
}

export function useForm<Name extends string>({ errors = {}, write }: FormOptions<Name> = {}): Form<Name> {
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<Name>>(() => new Set());
  const [blocked, setBlocked] = useState<WriteProblem | null>(null);

  const touch = useCallback((name: Name) => {
    setTouched((current) => (current.has(name) ? current : new Set(current).add(name)));
  }, []);
  const reset = useCallback(() => {
    setSubmitted(false);
    setTouched(new Set());
    setBlocked(null);
  }, []);

  const shows = (name: Name) => submitted || touched.has(name);
  const error = (name: Name) => (shows(name) ? (errors[name] ?? null) : null);
  const refusal = write?.item?.state === 'failed' ? (write.item.lastError ?? null) : null;
  const serverError = (field: string) => (refusal?.fields.includes(field) ? refusal.message : null);
  const valid = Object.values<string | null | undefined>(errors).every((message) => message == null);

  return {
    submitted,
    touch,
    shows,
    error,
    refusal,
    serverError,
    fieldError: (name, field) => error(name) ?? serverError(field),
    blocked,
    allow: (problem) => {
      setBlocked(problem);
      return problem === null;
    },
    submit: (event) => {
      event?.preventDefault();
      setSubmitted(true);
      return valid && write?.busy !== true;
    },
    reset,
  };
}
