/** Play and pause: the button, the speed select and the timer that steps the timeline while it plays. */
import type { ViewState } from './bridge';
import { button, el } from './dom';

const SPEEDS = [1, 2, 5, 10, 25, 100, 500];

/** The page's controller: its view state holds the step and the speed (steps per second). */
export interface PlaybackTarget {
  readonly layout: { readonly steps: number } | undefined;
  readonly state: ViewState;
  setStep(step: number, user: boolean): void;
  save(): void;
}

export class Playback {
  readonly button: HTMLButtonElement;
  readonly speedSelect = el('select', {
    attrs: { 'aria-label': 'Playback speed', title: 'Playback speed (steps per second)' },
  });
  private timer: number | undefined;

  constructor(private readonly target: PlaybackTarget) {
    this.button = button('▶ Play', 'Play (Space)', () => this.toggle());
    for (const s of SPEEDS) this.speedSelect.appendChild(el('option', { text: `${s}×`, attrs: { value: String(s) } }));
    this.speedSelect.value = String(target.state.speed);
    this.speedSelect.addEventListener('change', () => {
      target.state.speed = Number(this.speedSelect.value) || 10;
      if (this.playing) this.start();
      target.save();
    });
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  toggle(): void {
    if (this.playing) this.stop();
    else this.start();
  }

  start(): void {
    this.stop();
    const { target } = this;
    const { state } = target;
    if (!target.layout) return;
    if (state.step >= target.layout.steps - 1) target.setStep(0, true);
    // Fast speeds advance several steps per tick rather than ticking faster than frames can show.
    const perSecond = state.speed;
    const interval = Math.max(1000 / 30, 1000 / perSecond);
    const stride = Math.max(1, Math.round((perSecond * interval) / 1000));
    this.timer = window.setInterval(() => {
      if (!target.layout || state.step >= target.layout.steps - 1) return this.stop();
      target.setStep(state.step + stride, true);
    }, interval);
    this.button.textContent = '❚❚ Pause';
    this.button.setAttribute('aria-label', 'Pause (Space)');
    this.button.setAttribute('aria-pressed', 'true');
  }

  stop(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.button.textContent = '▶ Play';
    this.button.setAttribute('aria-label', 'Play (Space)');
    this.button.setAttribute('aria-pressed', 'false');
  }
}
