import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { createRule, deleteRule, listRules, updateRule, type Rule, type RuleDetails } from '../api/rules';
import { useApiData } from '../api/useApiData';
import { ConfirmStep } from '../components/ConfirmStep';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { RuleForm } from './RuleForm';
import { describeRule } from './ruleText';

/** The rules list, with one form open at a time: a new rule, or a change to one rule. */
export function RulesSection() {
  const { data: rules, isLoading, error, reload } = useApiData((signal) => listRules({ signal }), []);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => {
    setEditing(null);
    requestAnimationFrame(() => addButton.current?.focus());
  }, []);
  const add = useCallback(
    async (details: RuleDetails) => {
      await createRule(details);
      setSaved(`Rule added: ${describeRule(details)}.`);
      close();
      reload();
    },
    [close, reload],
  );
  const change = useCallback(
    async (id: string, details: RuleDetails) => {
      await updateRule(id, details);
      setSaved(`Rule saved: ${describeRule(details)}.`);
      close();
      reload();
    },
    [close, reload],
  );
  const remove = useCallback(
    async (rule: Rule) => {
      setFailure(null);
      try {
        await deleteRule(rule.id);
        setSaved(`Rule deleted: ${describeRule(rule)}.`);
        reload();
      } catch (problem) {
        setFailure(problem instanceof ApiError ? problem.message : 'Something went wrong. Please try again.');
      }
    },
    [reload],
  );

  return (
    <>
      <p>Each rule sends one reminder before every appointment it applies to. Changes apply to reminders not yet sent.</p>
      <LiveNotice message={saved} />
      {(error ?? failure) !== null && (
        <Notice as="p" role="alert" tone="error">
          {error?.message ?? failure}
        </Notice>
      )}
      {isLoading && rules === null && <p role="status">Loading your rules…</p>}
      {rules !== null && rules.length === 0 && (
        <p className="empty-state">No rules yet, so no reminders go out. Add one, for example an SMS 1 day before.</p>
      )}
      {rules !== null && rules.length > 0 && (
        <ul className="rule-list" aria-label="Rules">
          {rules.map((rule) => (
            <li key={rule.id} className="card rule-list__item">
              <p className="rule-list__text">{describeRule(rule)}</p>
              {editing === rule.id ? (
                <RuleForm initial={rule} submitLabel="Save rule" onSave={(details) => change(rule.id, details)} onCancel={close} />
              ) : (
                <div className="button-row">
                  <button type="button" className="button button--secondary" onClick={() => setEditing(rule.id)}>
                    Change<span className="visually-hidden"> rule: {describeRule(rule)}</span>
                  </button>
                  <ConfirmStep
                    startLabel="Delete…"
                    startContext={`rule: ${describeRule(rule)}`}
                    question={`Delete the rule “${describeRule(rule)}”?`}
                    confirmLabel="Yes, delete"
                    busyLabel="Deleting…"
                    onConfirm={() => remove(rule)}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === 'new' ? (
        <RuleForm submitLabel="Add rule" onSave={add} onCancel={close} />
      ) : (
        <button ref={addButton} type="button" className="button" onClick={() => setEditing('new')}>
          Add a rule
        </button>
      )}
    </>
  );
}
