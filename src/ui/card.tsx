import type { ReactNode } from 'react';

/** SLDS card with a heading; `headingId` lets the card be labelled by its heading. */
export function Card({
  heading,
  headingId,
  actions,
  children,
  footer,
}: {
  heading: string;
  headingId: string;
  actions?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <article className="slds-card" aria-labelledby={headingId}>
      <div className="slds-card__header slds-grid">
        <header className="slds-media slds-media_center slds-has-flexi-truncate">
          <div className="slds-media__body">
            <h2 id={headingId} className="slds-card__header-title slds-text-heading_small">
              {heading}
            </h2>
          </div>
          {actions ? <div className="slds-no-flex">{actions}</div> : null}
        </header>
      </div>
      <div className="slds-card__body slds-card__body_inner">{children}</div>
      {footer ? <footer className="slds-card__footer">{footer}</footer> : null}
    </article>
  );
}
