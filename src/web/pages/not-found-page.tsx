import { NotFound } from '../components/ui/not-found.js';

export default function NotFoundPage() {
  return <NotFound />;
}
