/**
 * One rigid (6-DOF) registration of two downsampled volumes with elastix (ITK's registration
 * toolbox as WebAssembly, @itk-wasm/elastix), plus its quality check. The elastix call itself is
 * passed in (`ElastixRun`): the browser's worker (registrationWorker.ts) runs the pipeline served
 * by the app, Node (the unit test, the bench) runs elastixNode. docs/registration.md explains the
 * parameters and the check.
 */
import {
  eulerMatrix,
  normalisedMutualInformation,
  rigidSize,
  type Mat4,
  type RegistrationVolume,
  type Vec3,
} from '../../domain/registration';

/** The itk-wasm Image fields elastix reads (a 3-D float32 scalar image). */
export interface ItkImage {
  imageType: { dimension: 3; componentType: 'float32'; pixelType: 'Scalar'; components: 1 };
  name: string;
  origin: number[];
  spacing: number[];
  direction: Float64Array;
  size: number[];
  metadata: Map<string, unknown>;
  data: Float32Array;
}

export type ParameterMap = Record<string, string[]>;
/** elastix(parameterObject, { fixed, moving }) -> its transform parameter object. */
export type ElastixRun = (
  parameterObject: ParameterMap[],
  fixed: ItkImage,
  moving: ItkImage,
) => Promise<ParameterMap[]>;

/** Our rigid parameter map: Mattes mutual information (works across CT and MR), 3 levels. */
export function rigidParameterMap(): ParameterMap {
  const map: Record<string, string | number> = {
    Registration: 'MultiResolutionRegistration',
    Transform: 'EulerTransform',
    Metric: 'AdvancedMattesMutualInformation',
    NumberOfHistogramBins: 32,
    Optimizer: 'AdaptiveStochasticGradientDescent',
    AutomaticParameterEstimation: 'true',
    AutomaticScalesEstimation: 'true',
    AutomaticTransformInitialization: 'true',
    AutomaticTransformInitializationMethod: 'GeometricalCenter',
    NumberOfResolutions: 3,
    FixedImagePyramid: 'FixedSmoothingImagePyramid',
    MovingImagePyramid: 'MovingSmoothingImagePyramid',
    MaximumNumberOfIterations: 150,
    ImageSampler: 'RandomCoordinate',
    NumberOfSpatialSamples: 1024,
    NewSamplesEveryIteration: 'true',
    CheckNumberOfSamples: 'true',
    MaximumNumberOfSamplingAttempts: 8,
    RandomSeed: 20260601,
    Interpolator: 'LinearInterpolator',
    ResampleInterpolator: 'FinalLinearInterpolator',
    Resampler: 'DefaultResampler',
    DefaultPixelValue: 0,
    WriteResultImage: 'false',
    WriteIterationInfo: 'false',
    ResultImageFormat: 'nii',
  };
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [String(v)]]));
}

export function toItkImage(v: RegistrationVolume, name: string): ItkImage {
  return {
    imageType: { dimension: 3, componentType: 'float32', pixelType: 'Scalar', components: 1 },
    name,
    origin: [...v.origin],
    spacing: [...v.spacing],
    direction: new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]),
    size: [...v.size],
    metadata: new Map(),
    data: v.data.slice(),
  };
}

/** The fixed -> moving matrix of elastix's last transform parameter map. */
export function matrixOfParameters(object: readonly ParameterMap[]): Mat4 {
  const last = object[object.length - 1];
  const numbers = (key: string) => (last?.[key] ?? []).map(Number);
  if (last?.Transform?.[0] !== 'EulerTransform') throw new Error('elastix: no Euler transform');
  const params = numbers('TransformParameters');
  const centre = numbers('CenterOfRotationPoint');
  if (
    params.length !== 6 ||
    centre.length !== 3 ||
    [...params, ...centre].some((x) => !isFinite(x))
  ) {
    throw new Error('elastix: unreadable transform parameters');
  }
  return eulerMatrix(params, centre as unknown as Vec3, last.ComputeZYX?.[0] === 'true');
}

/** Beyond these a result is not a patient's repositioning between exams. */
export const PLAUSIBLE = { rotationDeg: 15, translationMm: 80, minOverlap: 0.5 } as const;

export interface PairResult {
  /** Fixed-exam point -> moving-exam point (mm). */
  readonly matrix: Mat4;
  /** NMI with no transform and after registration (docs/registration.md). */
  readonly nmiBefore: number;
  readonly nmiAfter: number;
  readonly overlap: number;
  readonly rotationDeg: number;
  readonly translationMm: number;
  /** Why the result should not be trusted, if it should not. */
  readonly poor: 'worse-than-none' | 'implausible' | 'little-overlap' | undefined;
  readonly ms: number;
}

const IDENTITY_MATRIX: Mat4 = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

function volumeCentre(v: RegistrationVolume): Vec3 {
  return [0, 1, 2].map(
    (a) => v.origin[a]! + ((v.size[a]! - 1) * v.spacing[a]!) / 2,
  ) as unknown as Vec3;
}

export async function registerRigid(
  fixed: RegistrationVolume,
  moving: RegistrationVolume,
  run: ElastixRun,
  now: () => number = () => performance.now(),
): Promise<PairResult> {
  const start = now();
  const object = await run(
    [rigidParameterMap()],
    toItkImage(fixed, 'fixed'),
    toItkImage(moving, 'moving'),
  );
  const matrix = matrixOfParameters(object);
  const ms = now() - start;
  const before = normalisedMutualInformation(fixed, moving, IDENTITY_MATRIX);
  const after = normalisedMutualInformation(fixed, moving, matrix);
  const { rotationDeg, translationMm } = rigidSize(matrix, volumeCentre(fixed));
  const poor =
    after.overlap < PLAUSIBLE.minOverlap
      ? 'little-overlap'
      : rotationDeg > PLAUSIBLE.rotationDeg || translationMm > PLAUSIBLE.translationMm
        ? 'implausible'
        : after.nmi < before.nmi - 0.005
          ? 'worse-than-none'
          : undefined;
  return {
    matrix,
    nmiBefore: before.nmi,
    nmiAfter: after.nmi,
    overlap: after.overlap,
    rotationDeg,
    translationMm,
    poor,
    ms,
  };
}
