import { useI18n } from '@/i18n/i18n-context';
import { ConfigError } from '@/lib/config';
import { Alert } from '@/ui/alert';

/** Shown instead of the app when config.json is missing or invalid: says what is wrong and who fixes it. */
export function ConfigErrorScreen({ error }: { error: unknown }) {
  const { t } = useI18n();
  const problems = error instanceof ConfigError ? error.problems : [];
  const unreachable = error instanceof ConfigError && /could not be loaded|not valid JSON/.test(error.message);
  return (
    <div className="app-shell">
      <Alert variant="error" title={t('config.invalid.title')}>
        {unreachable || problems.length === 0 ? (
          <p>{t('config.unreachable.body', { reason: error instanceof Error ? error.message : String(error) })}</p>
        ) : (
          <>
            <p>{t('config.invalid.body')}</p>
            <ul className="slds-list_dotted">
              {problems.map((problem) => (
                <li key={problem}>
                  <code>{problem}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </Alert>
    </div>
  );
}
