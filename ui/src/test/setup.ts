// Testing Library's waits give up after 1 s by default. The diagram is laid out by ELK, which
// on a busy 2-core CI machine can take longer than that; a wait still ends as soon as its
// condition holds, so a longer bound costs nothing when things are fast.
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 10_000 });
