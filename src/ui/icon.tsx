/**
 * SLDS icons, imported one by one as SVG source (never a sprite: the utility sprite alone is 144 KB gzip).
 * Salesforce Lightning Design System icons © Salesforce, CC BY-ND 4.0, used unmodified.
 */
import accountIcon from '@salesforce-ux/design-system/assets/icons/standard/account.svg?raw';
import contactIcon from '@salesforce-ux/design-system/assets/icons/standard/contact.svg?raw';
import leadIcon from '@salesforce-ux/design-system/assets/icons/standard/lead.svg?raw';
import personAccountIcon from '@salesforce-ux/design-system/assets/icons/standard/person_account.svg?raw';
import emailStandardIcon from '@salesforce-ux/design-system/assets/icons/standard/email.svg?raw';
import eventStandardIcon from '@salesforce-ux/design-system/assets/icons/standard/event.svg?raw';
import liveChatIcon from '@salesforce-ux/design-system/assets/icons/standard/live_chat.svg?raw';
import logACallIcon from '@salesforce-ux/design-system/assets/icons/standard/log_a_call.svg?raw';
import taskStandardIcon from '@salesforce-ux/design-system/assets/icons/standard/task.svg?raw';
import callIcon from '@salesforce-ux/design-system/assets/icons/utility/call.svg?raw';
import copyIcon from '@salesforce-ux/design-system/assets/icons/utility/copy.svg?raw';
import newWindowIcon from '@salesforce-ux/design-system/assets/icons/utility/new_window.svg?raw';

/** viewBox and inner markup of one of the icon files above (static, trusted build assets). */
function shape(svg: string): { viewBox: string; markup: { __html: string } } {
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 520 520';
  const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)?.[1] ?? '';
  return { viewBox, markup: { __html: inner } };
}

const ICONS = {
  'standard:account': { ...shape(accountIcon), kind: 'standard', name: 'account' },
  'standard:contact': { ...shape(contactIcon), kind: 'standard', name: 'contact' },
  'standard:lead': { ...shape(leadIcon), kind: 'standard', name: 'lead' },
  'standard:person_account': { ...shape(personAccountIcon), kind: 'standard', name: 'person-account' },
  'standard:log_a_call': { ...shape(logACallIcon), kind: 'standard', name: 'log-a-call' },
  'standard:live_chat': { ...shape(liveChatIcon), kind: 'standard', name: 'live-chat' },
  'standard:task': { ...shape(taskStandardIcon), kind: 'standard', name: 'task' },
  'standard:email': { ...shape(emailStandardIcon), kind: 'standard', name: 'email' },
  'standard:event': { ...shape(eventStandardIcon), kind: 'standard', name: 'event' },
  'utility:call': { ...shape(callIcon), kind: 'utility', name: 'call' },
  'utility:copy': { ...shape(copyIcon), kind: 'utility', name: 'copy' },
  'utility:new_window': { ...shape(newWindowIcon), kind: 'utility', name: 'new_window' },
} as const;

export type IconName = keyof typeof ICONS;

/** A decorative icon (hidden from assistive tech: the control or text next to it carries the meaning). */
export function Icon({ name, size = 'small' }: { name: IconName; size?: 'xx-small' | 'x-small' | 'small' }) {
  const icon = ICONS[name];
  if (icon.kind === 'standard') {
    return (
      <span className={`slds-icon_container slds-icon-standard-${icon.name}`}>
        <svg
          className={`slds-icon slds-icon_${size}`}
          viewBox={icon.viewBox}
          aria-hidden="true"
          focusable="false"
          dangerouslySetInnerHTML={icon.markup}
        />
      </span>
    );
  }
  return (
    <svg
      className="slds-button__icon slds-button__icon_left"
      viewBox={icon.viewBox}
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={icon.markup}
    />
  );
}
