// The classify stage's public face.
export { loadClassifier, type Classifier, type TextVerdict } from './classifier.ts';
export { loadCatalogue, type Catalogue, type ServiceInfo } from './catalogue.ts';
export type { TextPost } from './analyser.ts';
