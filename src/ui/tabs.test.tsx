import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Tabs } from './tabs';

function Three({ onSelect }: { onSelect?: (id: string) => void }) {
  const [typed, setTyped] = useState('');
  return (
    <Tabs
      label="Work"
      {...(onSelect ? { onSelect } : {})}
      tabs={[
        {
          id: 'a',
          label: 'Opportunities',
          content: <input aria-label="Typed" value={typed} onChange={(event) => setTyped(event.target.value)} />,
        },
        { id: 'b', label: 'Cases', content: <p>Case panel</p> },
        { id: 'c', label: 'Notes', content: <p>Notes panel</p> },
      ]}
    />
  );
}

describe('Tabs', () => {
  it('is a named tab list with one tab stop; the selected tab controls the visible panel', () => {
    render(<Three />);
    expect(screen.getByRole('tablist', { name: 'Work' })).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => [tab.textContent, tab.getAttribute('aria-selected'), tab.tabIndex])).toEqual([
      ['Opportunities', 'true', 0],
      ['Cases', 'false', -1],
      ['Notes', 'false', -1],
    ]);
    const panel = screen.getByRole('tabpanel', { name: 'Opportunities' });
    expect(tabs[0]).toHaveAttribute('aria-controls', panel.id);
    expect(screen.queryByText('Case panel')).toBeNull();
  });

  it('moves with the arrow keys (wrapping), Home and End, selecting as it goes', async () => {
    const user = userEvent.setup();
    const selected: string[] = [];
    render(<Three onSelect={(id) => selected.push(id)} />);
    await user.tab();
    expect(screen.getByRole('tab', { name: 'Opportunities' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Cases' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Cases' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Cases' })).toHaveTextContent('Case panel');
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Opportunities' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Opportunities' })).toHaveFocus();
    expect(selected).toEqual(['b', 'c', 'a', 'c', 'a']);
    // Tab leaves the tab list for the panel's content.
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Typed' })).toHaveFocus();
  });

  it('keeps a visited panel mounted, so what was typed in it stays', async () => {
    const user = userEvent.setup();
    render(<Three />);
    await user.type(screen.getByRole('textbox', { name: 'Typed' }), 'draft');
    await user.click(screen.getByRole('tab', { name: 'Cases' }));
    expect(screen.queryByRole('textbox', { name: 'Typed' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Opportunities' }));
    expect(screen.getByRole('textbox', { name: 'Typed' })).toHaveValue('draft');
  });

  it('falls back to the first tab when the selected one goes away', () => {
    const { rerender } = render(
      <Tabs
        label="Work"
        selectedId="b"
        tabs={[
          { id: 'a', label: 'A', content: 'a' },
          { id: 'b', label: 'B', content: 'b' },
        ]}
      />,
    );
    expect(screen.getByRole('tab', { name: 'B' })).toHaveAttribute('aria-selected', 'true');
    rerender(<Tabs label="Work" selectedId="b" tabs={[{ id: 'a', label: 'A', content: 'a' }]} />);
    expect(screen.getByRole('tab', { name: 'A' })).toHaveAttribute('aria-selected', 'true');
  });
});
