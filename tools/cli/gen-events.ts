/**
 * `npm run gen:events`: writes events/<function>.json for every Task function of the provisioning, and the samples
 * derived from others: the teardown triggers' and the dry-run function's (tools/local/task-events.ts). The teardown's Task samples
 * are written by hand.
 */
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
const { writeFileSync } = await import('node:fs');
const { captureTaskEvents, derivedTriggerEvents, eventFileText } = await import('../local/task-events.ts');

for (const [key, event] of Object.entries(await captureTaskEvents())) {
  writeFileSync(new URL(`../../events/${key}.json`, import.meta.url), eventFileText(event));
  console.log(`wrote events/${key}.json`);
}
for (const [file, event] of Object.entries(derivedTriggerEvents())) {
  writeFileSync(new URL(`../../events/${file}`, import.meta.url), eventFileText(event));
  console.log(`wrote events/${file}`);
}
