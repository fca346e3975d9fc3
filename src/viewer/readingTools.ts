/**
 * The reading tool group: W/L on the left button by default, pan on the middle, zoom on the
 * right, scroll on the wheel; one measurement tool at a time can take the left button.
 */
import {
  ToolGroupManager,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  LengthTool,
  BidirectionalTool,
  EllipticalROITool,
  ProbeTool,
  Enums as ToolEnums,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { LESION_MARK_TOOL } from './markAnnotations';
import { MEASUREMENT_TOOLS, type MeasurementTool } from './measurements';

export type ReadingTool = 'WindowLevel' | MeasurementTool;
export const READING_TOOLS: readonly ReadingTool[] = ['WindowLevel', ...MEASUREMENT_TOOLS];

/** Keyboard letters for the toolbar (W/L, Length, Bidirectional, Ellipse, Probe). */
export const TOOL_KEYS: Record<string, ReadingTool> = {
  w: 'WindowLevel',
  l: 'Length',
  b: 'Bidirectional',
  e: 'EllipticalROI',
  p: 'Probe',
};

// cornerstone types each static toolName as any; pin them to the names used everywhere here.
const NAMES = {
  WindowLevel: String(WindowLevelTool.toolName),
  Pan: String(PanTool.toolName),
  Zoom: String(ZoomTool.toolName),
  StackScroll: String(StackScrollTool.toolName),
  Length: String(LengthTool.toolName),
  Bidirectional: String(BidirectionalTool.toolName),
  EllipticalROI: String(EllipticalROITool.toolName),
  Probe: String(ProbeTool.toolName),
};

/** Creates the group (or returns undefined when the id is taken, e.g. by a stale session). */
export function createReadingToolGroup(id: string): ToolTypes.IToolGroup | undefined {
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) return undefined;
  const { MouseBindings } = ToolEnums;
  for (const name of Object.values(NAMES)) group.addTool(name);
  // Lesion marks are drawn, never handled (src/viewer/lesionMarkTool.ts).
  group.addTool(LESION_MARK_TOOL);
  group.setToolEnabled(LESION_MARK_TOOL);
  group.setToolActive(NAMES.Pan, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(NAMES.Zoom, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(NAMES.StackScroll, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  activateReadingTool(group, 'WindowLevel');
  return group;
}

/**
 * Gives the left button to `tool`. The others become passive, not disabled: disabled annotation
 * tools neither render nor compute stats (docs/stack.md §3), and passive ones stay editable.
 */
export function activateReadingTool(group: ToolTypes.IToolGroup, tool: ReadingTool): void {
  for (const other of READING_TOOLS) {
    if (other !== tool) group.setToolPassive(NAMES[other]);
  }
  group.setToolActive(NAMES[tool], {
    bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }],
  });
}
