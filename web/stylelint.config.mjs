// The CSS check in scripts/test.sh: a syntax error (an unclosed block once nested the dashboard's rules) or a likely
// mistake fails the test command. Conventions are not enforced here, only errors.
export default {
  extends: ['stylelint-config-recommended'],
  rules: {
    // The app writes flat rules: a nested one is a brace gone missing.
    'max-nesting-depth': 0,
    // Later rules deliberately refine earlier ones of lower specificity (component, then state).
    'no-descending-specificity': null,
  },
};
