// The county dashboard, served at /dashboard: a second page of the same application as the
// workbench, with the same stored token (one sign-in for both).
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import '../../styles.css';
import DashboardApp from './DashboardApp.vue';

createApp(DashboardApp).mount('#app');
