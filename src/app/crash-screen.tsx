import { useI18n } from '@/i18n/i18n-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';

export function CrashScreen({ error, onReset }: { error: Error; onReset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="app-shell">
      <Alert variant="error" title={t('crash.title')}>
        <p>{t('crash.body', { message: error.message })}</p>
        <p>
          <Button variant="neutral" onClick={onReset}>
            {t('crash.reload')}
          </Button>
        </p>
      </Alert>
    </div>
  );
}
