import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RankedPerson, Person } from '@/salesforce/people';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import type { XBeesContext } from '@/xbees/protocol';
import { lookupQuery, lookupTarget, lookupKey, persistedLookup, type LookupAnswer, type LookupTarget } from './queries';
import { readChoice, writeChoice } from './remembered-choice';

export interface PersonLookup {
  target: LookupTarget | null;
  status: 'idle' | 'pending' | 'error' | 'unusable' | 'success';
  error: Error | null;
  matches: RankedPerson[];
  /** The remembered choice, else the best match by the default policy. */
  selected: RankedPerson | null;
  /** Remembers the agent's pick for this conversation. */
  choose: (personId: string) => void;
  /** A record the agent just created: shown at once and found again despite the search index lag. */
  addCreated: (person: Person) => void;
  retry: () => void;
}

/** Finds the conversation's person (phone first, else e-mail) and remembers the agent's choice. */
export function usePersonLookup(context: XBeesContext | null): PersonLookup {
  const services = useSalesforce();
  const queryClient = useQueryClient();
  const scope = useScope();
  const target = useMemo(() => (context ? lookupTarget(context.contact) : null), [context]);
  const searchable = target && target.kind !== 'none' ? target : null;
  const conversationKey =
    context?.conversationId ?? (searchable ? (searchable.kind === 'phone' ? searchable.raw : searchable.email) : '');
  const deps = useMemo(
    () => ({ client: services.client, describes: services.describes, recent: services.recent }),
    [services],
  );

  const query = useQuery(lookupQuery(deps, services.storage, scope, target, services.region));
  const [chosen, setChosen] = useState<{ key: string; id: string | null }>(() => ({
    key: conversationKey,
    id: readChoice(services.storage, conversationKey),
  }));
  const chosenId = chosen.key === conversationKey ? chosen.id : readChoice(services.storage, conversationKey);

  const answer = scope && searchable ? query.data : undefined;
  const matches = answer?.status === 'ok' ? answer.matches : [];
  const selected = matches.find((m) => m.person.id === chosenId) ?? matches[0] ?? null;

  const choose = (personId: string) => {
    writeChoice(services.storage, conversationKey, personId);
    setChosen({ key: conversationKey, id: personId });
  };

  return {
    target,
    status:
      !scope || !searchable
        ? 'idle'
        : query.isPending
          ? 'pending'
          : query.isError
            ? 'error'
            : answer?.status === 'unusable'
              ? 'unusable'
              : 'success',
    error: query.error,
    matches,
    selected,
    choose,
    addCreated: (person) => {
      const e164 = answer?.status === 'ok' ? answer.e164 : null;
      const phones = e164 ? [e164] : [];
      services.recent.add({
        id: person.id,
        sobject: person.sobject,
        phones,
        emails: person.email ? [person.email.toLowerCase()] : [],
        names: [person.name],
      });
      if (scope && searchable) {
        const key = lookupKey(scope, searchable, services.region);
        const created: LookupAnswer = { status: 'ok', matches: [{ person, match: 'exact', matchedField: null }], e164 };
        queryClient.setQueryData(key, created);
        persistedLookup(services.storage, key).write(created);
      }
      choose(person.id);
    },
    retry: () => {
      void query.refetch();
    },
  };
}
