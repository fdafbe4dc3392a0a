#!/usr/bin/env node
// Records one suite's wall time in reports/durations.json: `record-duration.js <suite> <milliseconds>`.
// run-all.sh calls it after each suite; summarise-reports.js prints the figures.
const fs = require('node:fs');

const [suite, milliseconds] = process.argv.slice(2);
const file = 'reports/durations.json';
const durations = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
durations[suite] = Number(milliseconds);
fs.writeFileSync(file, `${JSON.stringify(durations, null, 2)}\n`);
