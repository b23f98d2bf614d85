import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { installModalDialog } from '../../mocks/testing/modal-dialog';
import { ConfirmDialog } from './confirm-dialog';

installModalDialog();

function Host({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Close deal
      </button>
      <button type="button">Elsewhere</button>
      {open ? (
        <ConfirmDialog
          title="Close this deal?"
          confirmLabel="Close as won"
          cancelLabel="Cancel"
          onConfirm={() => {
            onConfirm();
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        >
          <p>Salesforce sets the probability to 100%.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

describe('ConfirmDialog', () => {
  it('opens as a named modal alert dialog with the focus on Cancel, and Escape cancels and returns the focus', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Host onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Close deal' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Close this deal?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Salesforce sets the probability to 100%.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close deal' })).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('keeps Tab and Shift+Tab inside, and confirms', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Host onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Close deal' }));
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close as won' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Close as won' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close deal' })).toHaveFocus();
  });
});
