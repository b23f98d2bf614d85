import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './tabs.css';

export interface TabItem {
  id: string;
  /** The tab's visible label, which is also its accessible name. */
  label: string;
  content: ReactNode;
}

interface TabsProps {
  /** Names the tab list for assistive tech ("Deals and cases"). */
  label: string;
  tabs: readonly TabItem[];
  /** Controlled selection; without it the tabs keep their own (the first tab to begin with). */
  selectedId?: string;
  onSelect?: (id: string) => void;
}

/**
 * SLDS default tabs with the ARIA tabs pattern: one tab stop (roving tabindex), Left/Right arrows move and
 * select (wrapping), Home/End go to the first/last tab. A panel is mounted the first time its tab is
 * selected and kept afterwards, so what was typed in it survives switching tabs.
 */
export function Tabs({ label, tabs, selectedId, onSelect }: TabsProps) {
  const baseId = useId();
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const wanted = selectedId ?? ownSelection;
  const active = tabs.find((tab) => tab.id === wanted) ?? tabs[0];
  if (!active) return null;
  if (!visited.has(active.id)) setVisited((previous) => new Set(previous).add(active.id));

  const select = (id: string) => {
    setOwnSelection(id);
    onSelect?.(id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const moves: Readonly<Record<string, number>> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    const tab = target === undefined ? undefined : tabs[target];
    if (!tab) return;
    event.preventDefault();
    select(tab.id);
    buttons.current.get(tab.id)?.focus();
  };
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;

  return (
    <div className="slds-tabs_default app-tabs">
      <div className="slds-tabs_default__nav" role="tablist" aria-label={label}>
        {tabs.map((tab, index) => {
          const selected = tab.id === active.id;
          return (
            <div
              key={tab.id}
              className={`slds-tabs_default__item${selected ? ' slds-is-active' : ''}`}
              role="presentation"
            >
              <button
                ref={(element) => {
                  if (element) buttons.current.set(tab.id, element);
                  else buttons.current.delete(tab.id);
                }}
                type="button"
                role="tab"
                id={tabId(tab.id)}
                className="slds-tabs_default__link app-tabs__tab"
                aria-selected={selected}
                aria-controls={panelId(tab.id)}
                tabIndex={selected ? 0 : -1}
                onClick={() => select(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {tab.label}
              </button>
            </div>
          );
        })}
      </div>
      {tabs.map((tab) => {
        const selected = tab.id === active.id;
        return (
          <div
            key={tab.id}
            id={panelId(tab.id)}
            role="tabpanel"
            aria-labelledby={tabId(tab.id)}
            className={`slds-tabs_default__content ${selected ? 'slds-show' : 'slds-hide'}`}
            hidden={!selected}
          >
            {selected || visited.has(tab.id) ? tab.content : null}
          </div>
        );
      })}
    </div>
  );
}
