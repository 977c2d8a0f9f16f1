import { describe, expect, it } from 'vitest';
import { stepRegistry, stepTypes } from '@baton/engine';
import { stepViews } from '.';

// A step type is one engine file and one canvas file: this fails when either side lacks an
// entry for a type the other has, or an entry lacks a piece (executor, form, icon, label).
describe('step registry and canvas views', () => {
  it('every step type has an engine definition with behaviour and a default config its schema accepts', () => {
    for (const type of stepTypes) {
      const def = stepRegistry[type];
      expect(def.type, type).toBe(type);
      expect(typeof def.execute, type).toBe('function');
      expect(def.label && def.description, type).toBeTruthy();
      // A jump's default names no target yet: the editor asks for one before it validates.
      if (type !== 'jump') expect(def.configSchema.safeParse(def.defaultConfig()).success, type).toBe(true);
    }
  });

  it('every node kind (each step type and the trigger) has a canvas view with a form, an icon, an accent and a label', () => {
    expect(Object.keys(stepViews).sort()).toEqual(['trigger', ...stepTypes].sort());
    for (const [kind, view] of Object.entries(stepViews)) {
      expect(typeof view.Form, kind).toBe('function');
      expect(view.icon, kind).toBeTruthy();
      expect(view.accent, kind).toMatch(/^bg-\S+ text-\S+$/);
      expect(view.paletteLabel.trim(), kind).not.toBe('');
    }
  });
});
