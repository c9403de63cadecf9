/** `npm run gen:events`: writes events/<function>.json for every Task function (tools/local/task-events.ts). */
process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
const { writeFileSync } = await import('node:fs');
const { captureTaskEvents, eventFileText } = await import('../local/task-events.ts');

for (const [key, event] of Object.entries(await captureTaskEvents())) {
  writeFileSync(new URL(`../../events/${key}.json`, import.meta.url), eventFileText(event));
  console.log(`wrote events/${key}.json`);
}
