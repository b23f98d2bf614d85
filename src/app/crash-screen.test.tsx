import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/i18n/i18n-context';
import { CrashScreen } from './crash-screen';
import { ErrorBoundary } from '@/ui/error-boundary';

let broken = true;
function Fragile() {
  const [label] = useState('Panel content');
  if (broken) throw new Error('describe answer had no fields');
  return <p>{label}</p>;
}

describe('a render error', () => {
  it('shows what failed instead of a blank panel, and "Reload the panel" brings it back', async () => {
    const user = userEvent.setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <I18nProvider locale="en">
        <ErrorBoundary fallback={(error, reset) => <CrashScreen error={error} onReset={reset} />}>
          <Fragile />
        </ErrorBoundary>
      </I18nProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('describe answer had no fields');
    broken = false;
    await user.click(screen.getByRole('button', { name: 'Reload the panel' }));
    expect(screen.getByText('Panel content')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
