/**
 * The field-path format of violations: `Directory.VpcSettings.SubnetIds[1]`. A map key or field name that is a simple
 * identifier joins with a dot; any other is shown quoted in brackets (`Tags["a b"]`).
 */
export const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
