// Progressive enhancement only: every page works without this script.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

import "./offline-log.mjs";

initAll();
