import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { NumberField } from './components/fields.js';
import { exportRunConfig } from './model/run-config.js';
import { type AppState, decodeState, encodeState, LIMITS, VIEWS, type ViewName } from './model/url-state.js';
import { LabView } from './views/lab-view.js';
import { RaceView } from './views/race-view.js';
import { StrategiesView } from './views/strategies-view.js';
import { WorkerClient } from './worker/client.js';
import type { BackendReport } from './worker/protocol.js';

const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  race: 'Optimizer race',
  lab: 'Network lab',
  strategies: 'Strategies',
};

/** The playground: a header with the views, the seed, sharing and export, and the current view. */
export function App() {
  const initial = useMemo(() => decodeState(window.location.search), []);
  const [state, setState] = useState<AppState>(initial.state);
  const [warnings, setWarnings] = useState(initial.warnings);
  const [backend, setBackend] = useState<BackendReport | undefined>();
  const [notice, setNotice] = useState('');
  const [showExport, setShowExport] = useState(false);
  const client = useMemo(() => new WorkerClient(), []);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(
    () =>
      client.subscribe((message) => {
        if (message.type === 'backend') setBackend(message.report);
      }),
    [client],
  );

  // The URL follows the state, so every view can be shared and reloaded as it is.
  useEffect(() => {
    const query = encodeState(state);
    if (window.location.search.replace(/^\?/, '') !== query) {
      window.history.replaceState(null, '', `${window.location.pathname}?${query}`);
    }
  }, [state]);

  useEffect(() => {
    const onPop = () => {
      const decoded = decodeState(window.location.search);
      setState(decoded.state);
      setWarnings(decoded.warnings);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const selectView = (view: ViewName) => {
    setState((current) => ({ ...current, view }));
    setShowExport(false);
  };
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = (index + delta + VIEWS.length) % VIEWS.length;
    selectView(VIEWS[next]);
    tabs.current[next]?.focus();
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setNotice('Link copied: it reproduces this view, seed included.');
    } catch {
      setNotice('Copy the address bar: it holds the whole state, seed included.');
    }
  };

  const exported = exportRunConfig(state);

  return (
    <div class="app">
      <header class="top">
        <h1>
          Descent <span class="subtitle">playground for chapter 8 of Deep Learning</span>
        </h1>
        <div class="tabs" role="tablist" aria-label="Views">
          {VIEWS.map((view, index) => (
            <button
              key={view}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`tab-${view}`}
              aria-selected={state.view === view}
              aria-controls={`panel-${view}`}
              tabIndex={state.view === view ? 0 : -1}
              data-testid={`tab-${view}`}
              onClick={() => selectView(view)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {VIEW_TITLES[view]}
            </button>
          ))}
        </div>
        <div class="global">
          <NumberField
            label="seed"
            value={state.seed}
            min={LIMITS.seed[0]}
            max={LIMITS.seed[1]}
            integer
            testId="seed"
            onChange={(seed) => setState((current) => ({ ...current, seed }))}
          />
          <button type="button" onClick={copyLink}>
            Copy link
          </button>
          {exported === undefined ? null : (
            <button
              type="button"
              aria-expanded={showExport}
              data-testid="export-toggle"
              onClick={() => setShowExport((shown) => !shown)}
            >
              Export run config
            </button>
          )}
        </div>
        <output class="backend" data-testid="backend" aria-live="polite">
          {backend === undefined ? 'starting the compute worker…' : `Backend: ${backend.summary}`}
          {backend !== undefined && backend.ops > 0
            ? ` · ${backend.gpuOps} of ${backend.ops} routed ops on gpu.js`
            : ''}
        </output>
      </header>
      {notice === '' ? null : (
        <p class="notice" role="status">
          {notice}{' '}
          <button type="button" class="link" onClick={() => setNotice('')}>
            dismiss
          </button>
        </p>
      )}
      {warnings.length === 0 ? null : (
        <div class="notice warning" role="alert" data-testid="url-warnings">
          <p>Some values in the address were not understood and were replaced by defaults:</p>
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
          <button type="button" class="link" onClick={() => setWarnings([])}>
            dismiss
          </button>
        </div>
      )}
      {showExport && exported !== undefined ? (
        <section class="export" aria-label="Run config" data-testid="export">
          <p>
            Save as a file and replay with <code>{exported.command}</code>.
          </p>
          {exported.caveats.map((caveat) => (
            <p key={caveat} class="hint">
              Note: {caveat}.
            </p>
          ))}
          <textarea
            readOnly
            rows={10}
            aria-label="Run config JSON"
            data-testid="export-json"
            value={JSON.stringify(exported.config, null, 2)}
          />
          <a
            download={exported.command.includes('race') ? 'race.json' : 'run.json'}
            href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(exported.config, null, 2))}`}
          >
            Download
          </a>
        </section>
      ) : null}
      <main>
        <div id={`panel-${state.view}`} role="tabpanel" aria-labelledby={`tab-${state.view}`}>
          {state.view === 'race' ? (
            <RaceView
              client={client}
              state={state.race}
              seed={state.seed}
              onChange={(race) => setState((current) => ({ ...current, race }))}
            />
          ) : state.view === 'lab' ? (
            <LabView
              client={client}
              state={state.lab}
              seed={state.seed}
              onChange={(lab) => setState((current) => ({ ...current, lab }))}
            />
          ) : (
            <StrategiesView
              client={client}
              state={state.strategies}
              seed={state.seed}
              onChange={(strategies) => setState((current) => ({ ...current, strategies }))}
            />
          )}
        </div>
      </main>
    </div>
  );
}
