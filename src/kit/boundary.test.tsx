import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/i18n/i18n-context';
import { QueryBoundary, SectionBoundary } from './boundary';

function renderPanel(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider locale="en">{ui}</I18nProvider>
    </QueryClientProvider>,
  );
}

function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Clicked {count}
    </button>
  );
}

describe('SectionBoundary', () => {
  it('shows a render error in its section only: the rest of the panel keeps working, Try again renders it anew', async () => {
    const user = userEvent.setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let broken = true;
    function Notes() {
      if (broken) throw new Error('ContentNote had no Title');
      return <p>Three notes</p>;
    }
    renderPanel(
      <>
        <section aria-label="Notes">
          <SectionBoundary>
            <Notes />
          </SectionBoundary>
        </section>
        <section aria-label="Tasks">
          <SectionBoundary>
            <Counter />
          </SectionBoundary>
        </section>
      </>,
    );
    const notes = screen.getByRole('region', { name: 'Notes' });
    const alert = within(notes).getByRole('alert');
    expect(alert).toHaveTextContent('This part of the panel failed');
    expect(alert).toHaveTextContent('ContentNote had no Title');
    const tasks = screen.getByRole('region', { name: 'Tasks' });
    await user.click(within(tasks).getByRole('button', { name: 'Clicked 0' }));
    expect(within(tasks).getByRole('button', { name: 'Clicked 1' })).toBeInTheDocument();
    expect(within(tasks).queryByRole('alert')).toBeNull();

    broken = false;
    await user.click(within(notes).getByRole('button', { name: 'Try again' }));
    expect(within(notes).getByText('Three notes')).toBeInTheDocument();
    expect(within(notes).queryByRole('alert')).toBeNull();
    expect(within(tasks).getByRole('button', { name: 'Clicked 1' })).toBeInTheDocument();
  });
});

describe('QueryBoundary', () => {
  function Comments({
    read,
    show = (rows) => rows.join(', '),
  }: {
    read: () => Promise<string[]>;
    show?: (rows: string[]) => string;
  }) {
    const comments = useQuery({ queryKey: ['comments'], queryFn: read });
    return (
      <QueryBoundary query={comments} pending="Loading the comments…" failed="The comments could not be loaded">
        {(rows) => <p>{show(rows)}</p>}
      </QueryBoundary>
    );
  }

  it('shows a spinner, then the failure with its message, and Try again reads again', async () => {
    const user = userEvent.setup();
    const read = vi
      .fn<() => Promise<string[]>>()
      .mockRejectedValueOnce(new Error('Salesforce could not be reached'))
      .mockResolvedValue(['First', 'Second']);
    renderPanel(<Comments read={read} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the comments…');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The comments could not be loaded' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('Salesforce could not be reached');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('First, Second')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('words the failure from the error when asked, and puts more actions next to Try again', async () => {
    const onCancel = vi.fn();
    function History() {
      const history = useQuery({
        queryKey: ['history'],
        queryFn: (): Promise<string> => Promise.reject(new Error('REQUEST_LIMIT_EXCEEDED')),
      });
      return (
        <QueryBoundary
          query={history}
          pending="Loading the activity history…"
          failed={(error) => `The activity history could not be loaded (${error.message}).`}
          actions={
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          }
        >
          {(text) => <p>{text}</p>}
        </QueryBoundary>
      );
    }
    const user = userEvent.setup();
    renderPanel(<History />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /^The activity history could not be loaded \(REQUEST_LIMIT_EXCEEDED\)\.Try againCancel$/,
    );
    await user.click(within(alert).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('catches a render error of its data there, and Try again reads again and renders anew', async () => {
    const user = userEvent.setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const read = vi.fn<() => Promise<string[]>>().mockResolvedValueOnce([]).mockResolvedValue(['Fixed']);
    const show = (rows: string[]) => {
      if (rows.length === 0) throw new Error('no rows to show');
      return rows.join(', ');
    };
    renderPanel(
      <>
        <Comments read={read} show={show} />
        <Counter />
      </>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This part of the panel failed');
    expect(alert).toHaveTextContent('no rows to show');
    await user.click(screen.getByRole('button', { name: 'Clicked 0' }));
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Fixed')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(read).toHaveBeenCalledTimes(2);
  });
});
