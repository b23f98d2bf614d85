import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Renders the failure; `reset` remounts the children. */
  fallback: (error: Error, reset: () => void) => ReactNode;
  /** When it changes (e.g. new data arrived), a failed boundary renders its children again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Catches render errors below it, so one broken part never blanks the whole panel. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[app] render error', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && !Object.is(previous.resetKey, this.props.resetKey)) this.reset();
  }

  reset = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (this.state.error) return this.props.fallback(this.state.error, this.reset);
    return this.props.children;
  }
}
