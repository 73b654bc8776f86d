// A model the user adds to run in the browser — a Hub repo id or the base URL of an export in the transformers.js
// layout — validated from what was typed. Pure; the list itself lives in state/user-models.svelte.ts.
import { EvalError } from '../../../core/errors';
import { findModel, userModel } from '../../../core/models/registry';

const ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

export interface UserModel {
  /** Results key (tables merge on it). */
  id: string;
  label: string;
  kind: 'repo' | 'url';
  /** Hub repo id ("owner/name") or base URL ("https://host/models/my-export"). */
  location: string;
  /** Weight files the export ships, best first ('fp32', 'q4', 'q8', 'fp16', 'q4f16'). */
  dtypes: string[];
}

function parseDtypes(text: string): string[] {
  const list = text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
  if (list.length === 0) return ['fp32'];
  const bad = list.find((d) => !/^(fp32|fp16|q8|q4|q4f16|int8|uint8|bnb4)$/.test(d));
  if (bad !== undefined)
    throw new EvalError(
      'config/model-dtype',
      `"${bad}" is not a transformers.js dtype: use fp32, fp16, q8, q4 or q4f16.`,
    );
  return list;
}

/** Validates what the user typed into a UserModel. */
export function makeUserModel(location: string, dtypesText: string, idText = ''): UserModel {
  const where = location.trim();
  const dtypes = parseDtypes(dtypesText);
  let model: UserModel;
  if (/^https?:\/\//i.test(where)) {
    let url: URL;
    try {
      url = new URL(where);
    } catch (e) {
      throw new EvalError(
        'config/model-url',
        `"${where}" is not a URL: give the folder that holds config.json, e.g. https://host/models/my-export.`,
        e,
      );
    }
    const path = url.pathname.replace(/\/+$/, '').replace(/\/config\.json$/, '');
    const name = path.split('/').at(-1) ?? '';
    if (name === '')
      throw new EvalError(
        'config/model-url',
        `${where}: the URL must name the export's folder (…/my-export), not the server root.`,
      );
    const base = `${url.origin}${path}`;
    const id = idText.trim() || `user-${name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
    model = { id, label: name, kind: 'url', location: base, dtypes };
  } else {
    const entry = userModel(where, {
      engine: 'transformers',
      dtypes,
      ...(idText.trim() !== '' ? { id: idText.trim() } : {}),
    });
    model = { id: entry.id, label: entry.label, kind: 'repo', location: entry.web?.repo ?? where, dtypes };
  }
  if (!ID.test(model.id))
    throw new EvalError(
      'config/model-id',
      `Model id "${model.id}" may hold only lowercase letters, digits, '.', '_' and '-'.`,
    );
  if (findModel(model.id) !== undefined)
    throw new EvalError('config/duplicate-model', `"${model.id}" is a built-in model id: give your model another id.`);
  return model;
}
